/**
 * The chat page: the conversation list, or one 1:1 conversation when opened with `peerID` (e.g. from
 * the live room's member list). It only talks to ChatService and turns its events into the smallest
 * setData it can: appending a message writes one `messages[i]` path, a state change writes that
 * message's fields, never the whole list.
 */
import { decodeQueryValue as decoded } from '../../../core/deep-link';
import { getLang, type Lang } from '../../../core/i18n';
import { checkId } from '../../../core/ids';
import type { ChatService } from '../../services/chat-service';
import { counterFor } from '../../services/chat/message-validation';
import type { TimelineChange } from '../../services/chat/types';
import { chatService, releaseChatSessionFor } from '../../services/chat-session';
import { idProblemText, labelsFor } from './strings';
import { patchForChange } from './timeline-patch';
import {
  bannerFor,
  toConversationView,
  toMessageViews,
  type BannerView,
  type ConversationView,
  type MessageView,
} from './view-model';

type Mode = 'list' | 'conversation';

interface Runtime {
  service: ChatService;
  lang: Lang;
  peer: string | null;
  off: Array<() => void>;
  /** The user is reading the newest messages (scrolled to the bottom). */
  atBottom: boolean;
  draftKey: number;
  lastSendAt: number;
  /** The name passed with peerID (only for that first conversation). */
  peerName: string;
  /** The scroll view's height in px (the window's: the list fills the page). */
  viewportHeight: number;
}

const runtimes = new WeakMap<object, Runtime>();

function windowHeight(): number {
  try {
    return wx.getSystemInfoSync().windowHeight || 640;
  } catch {
    return 640;
  }
}

/** A tap on an empty input this soon after a send is the second half of a double tap, not a mistake. */
const DOUBLE_TAP_MS = 1000;

/** Calls `onBack` when the phone's network comes back; returns the unsubscribe. */
function watchNetwork(onBack: () => void): () => void {
  const listener = (result: { isConnected: boolean }) => {
    if (result.isConnected) onBack();
  };
  try {
    wx.onNetworkStatusChange(listener);
  } catch {
    return () => undefined;
  }
  return () => {
    try {
      // The typings give off() a different callback type than on(); at runtime it takes the same function.
      wx.offNetworkStatusChange(listener as unknown as WechatMiniprogram.OffNetworkStatusChangeCallback);
    } catch {
      // Older base libraries have no off: the listener only calls an idempotent resume().
    }
  };
}

function setTitle(title: string): void {
  try {
    wx.setNavigationBarTitle({ title });
  } catch {
    // Not fatal: the page's JSON title stays.
  }
}

Component({
  properties: {
    peerID: { type: String, value: '' },
    userName: { type: String, value: '' },
  },

  data: {
    labels: labelsFor('zh'),
    mode: 'list' as Mode,
    peer: '',
    /** What the header shows: the name the caller passed (e.g. from the room's member list), else the ID. */
    peerTitle: '',
    peerProblem: '',
    banner: { show: false, text: '', tone: 'info', canSignIn: false } as BannerView,
    conversations: [] as ConversationView[],
    listLoading: true,
    newPeer: '',
    newPeerError: '',
    messages: [] as MessageView[],
    historyLoading: false,
    loadingOlder: false,
    hasOlder: true,
    draft: '',
    counter: { show: false, text: '', over: false },
    sendError: '',
    newCount: 0,
    scrollInto: '',
  },

  lifetimes: {
    attached() {
      this.start({});
    },
    detached() {
      this.stop();
    },
  },

  methods: {
    onLoad(query?: Record<string, string | undefined>) {
      this.start(query ?? {});
    },

    onUnload() {
      this.stop();
    },

    onShow() {
      runtimes.get(this)?.service.resume();
    },

    start(query: Record<string, string | undefined>) {
      if (runtimes.has(this)) return;
      const lang = getLang();
      const service = chatService();
      const rt: Runtime = {
        service,
        lang,
        peer: null,
        off: [],
        atBottom: true,
        draftKey: 0,
        lastSendAt: 0,
        peerName: '',
        viewportHeight: windowHeight(),
      };
      runtimes.set(this, rt);
      rt.off.push(
        service.on('connection', (info) => {
          const banner = bannerFor(info, rt.lang);
          if (JSON.stringify(banner) !== JSON.stringify(this.data.banner)) this.setData({ banner });
        }),
        service.on('conversations', (list) => {
          if (rt.peer === null) this.showConversations(list.map((s) => toConversationView(s, Date.now())));
        }),
        service.on('timeline', (conversationID, kind, change) => {
          if (kind === 'peer' && conversationID === rt.peer) this.applyChange(change);
        }),
      );
      rt.off.push(watchNetwork(() => service.resume()));
      this.setData({ labels: labelsFor(lang), banner: bannerFor(service.connection(), lang) });
      setTitle(labelsFor(lang).title);

      const rawPeer = decoded(query.peerID) || this.data.peerID;
      rt.peerName = decoded(query.userName) || this.data.userName;
      if (rawPeer !== '') {
        const checked = checkId(rawPeer);
        if (!checked.ok) {
          this.setData({
            mode: 'conversation',
            peer: rawPeer,
            peerProblem: idProblemText(checked.problem, lang),
          });
          return;
        }
        this.openConversation(checked.value);
        return;
      }
      this.showList();
    },

    stop() {
      const rt = runtimes.get(this);
      if (rt === undefined) return;
      rt.off.forEach((off) => off());
      if (rt.peer !== null) rt.service.closeConversation(rt.peer);
      runtimes.delete(this);
      // Log out of ZIM when no other open page (a live room) still uses it.
      releaseChatSessionFor(this, typeof getCurrentPages === 'function' ? getCurrentPages() : []);
    },

    // ---- conversation list ----

    showList() {
      const rt = runtimes.get(this);
      if (rt === undefined) return;
      if (rt.peer !== null) rt.service.closeConversation(rt.peer);
      rt.peer = null;
      rt.peerName = '';
      const known = rt.service.conversations();
      this.setData({
        mode: 'list',
        peer: '',
        peerProblem: '',
        messages: [],
        conversations: known.map((s) => toConversationView(s, Date.now())),
        listLoading: known.length === 0,
      });
      rt.service.refreshConversations().then(
        () => this.data.listLoading && this.setData({ listLoading: false }),
        () => this.setData({ listLoading: false }),
      );
    },

    showConversations(conversations: ConversationView[]) {
      this.setData({ conversations, listLoading: false });
    },

    onNewPeerInput(e: WechatMiniprogram.Input) {
      this.setData({ newPeer: e.detail.value, newPeerError: '' });
    },

    onStartChat() {
      const rt = runtimes.get(this);
      if (rt === undefined) return;
      const checked = checkId(this.data.newPeer);
      if (!checked.ok) {
        this.setData({ newPeerError: idProblemText(checked.problem, rt.lang) });
        return;
      }
      if (checked.value === rt.service.userID) {
        this.setData({ newPeerError: rt.lang === 'zh' ? '不能和自己聊天' : 'You cannot chat with yourself' });
        return;
      }
      this.setData({ newPeer: '', newPeerError: '' });
      this.openConversation(checked.value);
    },

    onOpenConversation(e: WechatMiniprogram.TouchEvent) {
      const id = String(e.currentTarget.dataset.id ?? '');
      if (checkId(id).ok) this.openConversation(id);
    },

    onBackToList() {
      this.showList();
    },

    // ---- one conversation ----

    openConversation(peerID: string) {
      const rt = runtimes.get(this);
      if (rt === undefined) return;
      rt.peer = peerID;
      rt.atBottom = true;
      rt.service.openConversation(peerID);
      const existing = rt.service.messages(peerID);
      const views = toMessageViews(existing, rt.lang, Date.now());
      this.setData({
        mode: 'conversation',
        peer: peerID,
        peerTitle: rt.peerName !== '' ? `${rt.peerName} (${peerID})` : peerID,
        peerProblem: '',
        messages: views,
        historyLoading: existing.length === 0,
        hasOlder: rt.service.hasOlder(peerID),
        newCount: 0,
        sendError: '',
        scrollInto: views.length > 0 ? `msg${views.length - 1}` : '',
      });
      if (existing.length < 20 && rt.service.hasOlder(peerID)) this.loadOlder();
    },

    loadOlder() {
      const rt = runtimes.get(this);
      const peer = rt?.peer;
      if (rt === undefined || peer === null || peer === undefined || this.data.loadingOlder) return;
      if (!rt.service.hasOlder(peer)) return;
      this.setData({ loadingOlder: true });
      const done = () => {
        if (rt.peer !== peer) return;
        this.setData({ loadingOlder: false, historyLoading: false, hasOlder: rt.service.hasOlder(peer) });
      };
      rt.service.loadOlder(peer).then(done, (error: unknown) => {
        done();
        const text = (error as Partial<Record<Lang, string>>)[rt.lang];
        if (typeof text === 'string') this.setData({ sendError: text });
      });
    },

    onLoadOlder() {
      this.loadOlder();
    },

    applyChange(change: TimelineChange) {
      const rt = runtimes.get(this);
      if (rt === undefined || rt.peer === null) return;
      const patch = patchForChange(change, rt.service.messages(rt.peer), this.data, {
        lang: rt.lang,
        now: Date.now(),
        atBottom: rt.atBottom,
      });
      if (patch !== null) this.setData(patch);
    },

    onDraftInput(e: WechatMiniprogram.Input) {
      const rt = runtimes.get(this);
      const draft = e.detail.value;
      const counter = counterFor(draft, rt?.service.textLimitBytes);
      const patch: Record<string, unknown> = { draft };
      if (JSON.stringify(counter) !== JSON.stringify(this.data.counter)) patch.counter = counter;
      if (this.data.sendError !== '') patch.sendError = '';
      this.setData(patch);
    },

    onSend() {
      const rt = runtimes.get(this);
      if (rt === undefined || rt.peer === null) return;
      const now = Date.now();
      if (this.data.draft.trim() === '' && now - rt.lastSendAt < DOUBLE_TAP_MS) return;
      const result = rt.service.sendText(rt.peer, 'peer', this.data.draft, `${rt.peer}:${rt.draftKey}`);
      if (!result.ok) {
        this.setData({ sendError: result.error[rt.lang] });
        return;
      }
      rt.draftKey += 1;
      rt.lastSendAt = now;
      rt.atBottom = true;
      this.setData({ draft: '', counter: { show: false, text: '', over: false }, sendError: '' });
    },

    onRetry(e: WechatMiniprogram.TouchEvent) {
      const rt = runtimes.get(this);
      const key = String(e.currentTarget.dataset.key ?? '');
      const view = this.data.messages.find((m) => m.key === key);
      if (rt === undefined || view === undefined || view.state !== 'failed') return;
      rt.service.retry(key);
    },

    onScroll(e: WechatMiniprogram.ScrollViewScroll) {
      const rt = runtimes.get(this);
      if (rt === undefined) return;
      const { scrollTop, scrollHeight } = e.detail;
      rt.atBottom = scrollHeight - scrollTop - rt.viewportHeight < 80;
    },

    onScrolledToBottom() {
      const rt = runtimes.get(this);
      if (rt === undefined) return;
      rt.atBottom = true;
      if (this.data.newCount !== 0) this.setData({ newCount: 0 });
    },

    onJumpToNew() {
      const rt = runtimes.get(this);
      if (rt === undefined) return;
      rt.atBottom = true;
      const last = this.data.messages.length - 1;
      this.setData({ newCount: 0, scrollInto: last >= 0 ? `msg${last}` : '' });
    },

    onSignInAgain() {
      const rt = runtimes.get(this);
      if (rt === undefined) return;
      rt.service.signInAgain().then(
        () => (rt.peer === null ? this.showList() : undefined),
        () => undefined, // the banner already says why
      );
    },
  },
});
