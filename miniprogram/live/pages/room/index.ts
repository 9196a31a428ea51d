// Placeholder until the live room issue: it loads the Express SDK so the subpackage budget is real.
import { ZegoExpressEngine } from 'zego-express-engine-miniprogram';

Component({
  properties: { roomID: { type: String, value: '' } },
  methods: {
    sdkName(): string {
      return ZegoExpressEngine.name;
    },
  },
});
