/**
 * The conversation list with unread counts, as ZIM reports it (queryConversationList, then
 * conversationChanged), with one rule on top: the conversation the user has open reads as 0 unread,
 * even before the server's own count catches up.
 */
import type { ZIMConversation, ZIMConversationChangeInfo } from 'zego-zim-miniprogram';
import { ZimConversationEvent } from '../../../core/zim-codes';
import { toSummary } from './mapping';
import type { ConversationSummary } from './types';

export class ConversationBook {
  private readonly summaries = new Map<string, ConversationSummary>();
  private openPeer: string | null = null;

  /** Newest first. */
  list(): ConversationSummary[] {
    return Array.from(this.summaries.values()).sort((a, b) => b.lastTime - a.lastTime);
  }

  replaceAll(conversations: readonly ZIMConversation[] | undefined): void {
    this.summaries.clear();
    for (const conversation of conversations ?? []) {
      const summary = toSummary(conversation);
      if (summary !== null) this.summaries.set(summary.conversationID, this.readIfOpen(summary));
    }
  }

  /** Returns whether anything in the list changed. */
  applyChanges(infoList: readonly ZIMConversationChangeInfo[] | undefined): boolean {
    if (!Array.isArray(infoList)) return false;
    let changed = false;
    for (const info of infoList) {
      const summary = info?.conversation !== undefined ? toSummary(info.conversation) : null;
      if (summary === null) continue;
      changed = true;
      if (info.event === ZimConversationEvent.Deleted || info.event === ZimConversationEvent.Disabled) {
        this.summaries.delete(summary.conversationID);
      } else {
        this.summaries.set(summary.conversationID, this.readIfOpen(summary));
      }
    }
    return changed;
  }

  /** Marks the conversation open and read. Returns whether its shown unread count changed. */
  open(peerID: string): boolean {
    this.openPeer = peerID;
    return this.markRead(peerID);
  }

  close(peerID: string): void {
    if (this.openPeer === peerID) this.openPeer = null;
  }

  isOpen(peerID: string): boolean {
    return this.openPeer === peerID;
  }

  markRead(peerID: string): boolean {
    const summary = this.summaries.get(peerID);
    if (summary === undefined || summary.unread === 0) return false;
    this.summaries.set(peerID, { ...summary, unread: 0 });
    return true;
  }

  private readIfOpen(summary: ConversationSummary): ConversationSummary {
    return summary.conversationID === this.openPeer ? { ...summary, unread: 0 } : summary;
  }
}
