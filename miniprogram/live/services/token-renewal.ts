/**
 * Token renewal for one room visit: on tokenWillExpire (30 s before expiry) fetch a fresh token,
 * bypassing any cache, and hand it to renewToken. A failure is shown, and tried once more 10 s later
 * while there is still time.
 */
import type { ZegoExpressEngine } from '../../../typings/zego-express';
import { codeOf, describeError, TOKEN_RENEWAL_FAILED, type ErrorInfo } from '../../core/errors';
import type { TokenProvider, TokenRole } from '../../core/token-provider';
import type { Clock, RoomParams } from './room-types';
import type { Timers } from './timers';

/** tokenWillExpire and roomTokenWillExpire arrive together: one renewal is enough. */
const DUPLICATE_WINDOW_MS = 5000;
const SECOND_TRY_AFTER_MS = 10000;

export class TokenRenewal {
  private lastAt = -Infinity;
  private secondTry = false;

  constructor(
    private readonly tokens: TokenProvider,
    private readonly clock: Clock,
    private readonly timers: Timers,
    private readonly params: RoomParams,
    private readonly notice: (info: ErrorInfo) => void,
    /** The role to renew as (a co-host renews a publishing token); the page's role when absent. */
    private readonly role?: () => TokenRole,
  ) {}

  async renew(engine: ZegoExpressEngine, isCurrent: () => boolean): Promise<void> {
    const now = this.clock.now();
    if (now - this.lastAt < DUPLICATE_WINDOW_MS) return;
    this.lastAt = now;
    const { roomID, userID, userName } = this.params;
    const role = this.role?.() ?? this.params.role;
    try {
      const issued = await this.tokens.getToken({ userID, roomID, role, userName }, { forceRefresh: true });
      if (!isCurrent()) return;
      if (!engine.renewToken(issued.token, roomID)) throw new Error('renewToken refused the token');
      this.secondTry = false;
    } catch (error) {
      if (!isCurrent()) return;
      const code = codeOf(error);
      this.notice(code === undefined ? TOKEN_RENEWAL_FAILED : describeError('express', code));
      this.lastAt = -Infinity;
      if (this.secondTry) return;
      this.secondTry = true;
      this.timers.after(SECOND_TRY_AFTER_MS, () => void this.renew(engine, isCurrent), 'renew');
    }
  }
}
