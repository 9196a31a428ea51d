import { tokenErrorFromReply } from '../../miniprogram/core/token-errors';

const reply = (status: number, code: string) =>
  tokenErrorFromReply(status, { error: { code, message: `server says ${code}` } }, {});

describe('the token service refusals about rooms have words of their own', () => {
  it.each([
    [403, 'room_owned', 'already has a host', '已经有主播'],
    [403, 'cohost_not_approved', 'has not approved you', '还没有同意'],
    [403, 'not_room_host', 'Only the host', '只有这个房间的主播'],
    [409, 'cohost_limit', 'co-host limit', '连麦人数已满'],
    [404, 'room_not_found', 'has ended', '已结束'],
  ])('%d %s', (status, code, en, zh) => {
    const error = reply(status, code);
    expect(error.en).toContain(en);
    expect(error.zh).toContain(zh);
    // The generic 403 text is not used, and the server's code stays available to the caller.
    expect(error.en).not.toContain('Not allowed to get a token');
    expect(error.detail).toMatchObject({ status, serverCode: code });
  });

  it('any other 403 keeps the generic text with the server message', () => {
    const error = reply(403, 'forbidden_user');
    expect(error.kind).toBe('forbidden');
    expect(error.en).toContain('server says forbidden_user');
  });
});
