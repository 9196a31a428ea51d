/**
 * The room page's handlers for the native components, the control bar, the panels and the comment
 * input: each one forwards to the visit's service or chat, or flips a bit of view state.
 */
import type { LiveComponentEvent } from '../../../../typings/zego-express';
import type { ErrorInfo } from '../../../core/errors';
import { classifyLiveComponentError } from '../../../core/live-component-errors';
import type { RoomComment } from '../../services/room-chat';
import { appendComment, type RoomView, type ViewContext } from './bindings';
import { runtimes, type Runtime } from './runtime';

export interface ControlView extends RoomView {
  readonly data: RoomView['data'] & { showMembers: boolean; draft: string; comments: RoomComment[] };
  viewContext(rt: Runtime): ViewContext;
}

function serviceOf(view: object) {
  return runtimes.get(view)?.service ?? undefined;
}

export const controlMethods = {
  // ---- native events: forwarded to the SDK through the service -----------------------------------
  onPusherStateChange(this: ControlView, e: LiveComponentEvent) {
    const service = serviceOf(this);
    service?.forwardStateChange(service.localStreamID, e);
  },
  onPusherNetStatus(this: ControlView, e: LiveComponentEvent) {
    const service = serviceOf(this);
    service?.forwardNetStatus(service.localStreamID, e);
  },
  onPusherAudioVolume(this: ControlView, e: LiveComponentEvent) {
    const service = serviceOf(this);
    service?.forwardAudioVolume(service.localStreamID, e);
  },
  onPlayerStateChange(this: ControlView, e: LiveComponentEvent) {
    serviceOf(this)?.forwardStateChange(e.currentTarget?.id ?? '', e);
  },
  onPlayerNetStatus(this: ControlView, e: LiveComponentEvent) {
    serviceOf(this)?.forwardNetStatus(e.currentTarget?.id ?? '', e);
  },
  onPlayerAudioVolume(this: ControlView, e: LiveComponentEvent) {
    serviceOf(this)?.forwardAudioVolume(e.currentTarget?.id ?? '', e);
  },

  /** binderror of either native component: the SDK never sees these, so the page says what they mean. */
  onLiveComponentError(this: ControlView, e: { detail?: { errCode?: unknown; errMsg?: unknown } }) {
    const rt = runtimes.get(this);
    const error = classifyLiveComponentError(e.detail ?? {});
    this.setData({ notice: error[rt?.lang ?? 'zh'], noticeOpensSettings: error.action === 'open-settings' });
  },

  // ---- controls ------------------------------------------------------------------------------------
  onToggleMic(this: ControlView) {
    serviceOf(this)?.controls?.setMic(!this.data.self.micOn);
  },
  onToggleCamera(this: ControlView) {
    serviceOf(this)?.controls?.setCamera(!this.data.self.cameraOn);
  },
  onSwitchCamera(this: ControlView) {
    serviceOf(this)?.controls?.switchCamera();
  },
  onBeautyChange(this: ControlView, e: WechatMiniprogram.SliderChange) {
    serviceOf(this)?.controls?.setBeauty(e.detail.value, this.data.self.whiteness);
  },
  onWhitenessChange(this: ControlView, e: WechatMiniprogram.SliderChange) {
    serviceOf(this)?.controls?.setBeauty(this.data.self.beauty, e.detail.value);
  },
  onRetry(this: ControlView) {
    void serviceOf(this)?.retry();
  },

  // ---- panels --------------------------------------------------------------------------------------
  onToggleMembers(this: ControlView) {
    this.setData({ showMembers: !this.data.showMembers });
  },
  onShowDetails(this: ControlView, e: WechatMiniprogram.TouchEvent) {
    this.setData({ detailStream: String(e.currentTarget.dataset.stream ?? '') });
  },
  onCloseDetails(this: ControlView) {
    this.setData({ detailStream: '' });
  },
  onDismissNotice(this: ControlView) {
    this.setData({ notice: '', noticeOpensSettings: false });
  },

  // ---- comments ------------------------------------------------------------------------------------
  onCommentInput(this: ControlView, e: WechatMiniprogram.Input) {
    this.setData({ draft: e.detail.value });
  },
  onSendComment(this: ControlView) {
    const rt = runtimes.get(this);
    if (rt?.chat === null || rt?.chat === undefined || this.data.draft.trim() === '') return;
    try {
      appendComment(this, this.viewContext(rt), rt.chat.send(this.data.draft));
      this.setData({ draft: '' });
    } catch (error) {
      // Bad input (too long …) is refused by the chat before anything is sent: say why.
      const info = error as Partial<ErrorInfo>;
      this.setData({ notice: typeof info[rt.lang] === 'string' ? (info[rt.lang] as string) : String(error) });
    }
  },
  onRetryComment(this: ControlView, e: WechatMiniprogram.TouchEvent) {
    const id = String(e.currentTarget.dataset.id ?? '');
    const rt = runtimes.get(this);
    const index = rt?.commentIndex.get(id);
    if (rt?.chat === null || rt?.chat === undefined || index === undefined) return;
    if (this.data.comments[index]?.state !== 'failed') return;
    rt.chat.retry(id);
  },
};
