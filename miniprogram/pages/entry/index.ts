import { checkId } from '../../core/ids';

Component({
  data: {
    roomID: '',
    canJoin: false,
    labels: { roomID: '房间号', join: '进入房间' },
  },
  methods: {
    onRoomIdInput(e: WechatMiniprogram.Input) {
      const roomID = e.detail.value;
      this.setData({ roomID, canJoin: checkId(roomID).ok });
    },
    onJoin() {
      void wx.navigateTo({ url: `/live/pages/room/index?roomID=${this.data.roomID}` });
    },
  },
});
