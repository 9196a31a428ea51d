// Placeholder until the chat issue: it loads the ZIM SDK so the subpackage budget is real.
import { ZIM } from 'zego-zim-miniprogram';

Component({
  methods: {
    sdkName(): string {
      return typeof ZIM;
    },
  },
});
