/**
 * Co-host signalling over ZIM peer command messages, through the app session's ChatService (its
 * ordered, rate-limited send queue and its de-duplication of replayed commands).
 */
import type { ChatService } from './chat-service';
import type { CommandPayload } from './chat/command-codec';
import { parseCohostMessage, type CohostMessage, type CohostSignal } from './cohost-protocol';

export class ZimCohostSignal implements CohostSignal {
  constructor(private readonly chat: ChatService) {}

  send(toUserID: string, message: CohostMessage): Promise<void> {
    return this.chat.sendCommand(toUserID, message as unknown as CommandPayload);
  }

  /** Listening needs a ZIM session even when no comment channel opened one (e.g. the barrage fallback). */
  on(handler: (fromUserID: string, message: CohostMessage) => void): () => void {
    this.chat.ensureLoggedIn().catch((error: unknown) => console.warn('co-host signalling offline', error));
    return this.chat.on('command', (command) => {
      const message = parseCohostMessage(command.payload);
      if (message !== null) handler(command.fromUserID, message);
    });
  }
}
