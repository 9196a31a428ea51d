import { pendingPatch, type PendingView } from '../../miniprogram/live/pages/room/stage-panel';

const ann: PendingView = { userID: 'ann', userName: 'Ann', kind: 'request', granting: false };
const bob: PendingView = { userID: 'bob', userName: 'Bob', kind: 'invite', granting: false };

describe('pending requests on the host page', () => {
  it('adds a request by its path and counts it', () => {
    expect(pendingPatch({}, [ann])).toEqual({ 'pending.ann': ann, pendingCount: 1 });
  });

  it('touches only what changed: one request of many being granted is one path', () => {
    const shown = { ann, bob };
    expect(pendingPatch(shown, [{ ...ann, granting: true }, bob])).toEqual({
      'pending.ann': { ...ann, granting: true },
    });
    expect(pendingPatch(shown, [ann, bob])).toEqual({});
  });

  it('an answered request goes by its path; the count follows', () => {
    expect(pendingPatch({ ann, bob }, [bob])).toEqual({ 'pending.ann': null, pendingCount: 1 });
    expect(pendingPatch({ ann: null, bob }, [])).toEqual({ 'pending.bob': null, pendingCount: 0 });
  });

  it('the payload does not grow with the number of requests already shown', () => {
    const many: Record<string, PendingView> = {};
    const list: PendingView[] = [];
    for (let i = 0; i < 500; i += 1) {
      const p = { userID: `u${i}`, userName: `U${i}`, kind: 'request' as const, granting: false };
      many[p.userID] = p;
      list.push(p);
    }
    const patch = pendingPatch(many, [...list, ann]);
    expect(Object.keys(patch)).toEqual(['pending.ann', 'pendingCount']);
  });
});
