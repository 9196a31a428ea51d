/**
 * Stubs for the `wx` APIs the entry flow touches, with state a test can read back: an in-memory
 * storage, system info, the permission settings and answers, and the pages navigated to.
 */

export interface WxStubOptions {
  language?: string;
  SDKVersion?: string;
  /** authSetting as wx.getSetting reports it. */
  authSetting?: Record<string, boolean>;
  /** What the user answers in wx.authorize's dialog, per scope (default: allow). */
  authorizeAnswer?: Record<string, boolean>;
}

export interface WxStubs {
  storage: Map<string, unknown>;
  navigations: string[];
  authorizeCalls: string[];
  toasts: string[];
  /** What the user switched in the system settings page (wx.getSetting reports it from then on). */
  setAuth(scope: string, allowed: boolean): void;
}

export function installWxStubs(options: WxStubOptions = {}): WxStubs {
  const authSetting: Record<string, boolean> = { ...(options.authSetting ?? {}) };
  const stubs: WxStubs = {
    storage: new Map(),
    navigations: [],
    authorizeCalls: [],
    toasts: [],
    setAuth: (scope, allowed) => void (authSetting[scope] = allowed),
  };
  const w = wx as unknown as Record<string, unknown>;
  w.getSystemInfoSync = () => ({
    language: options.language ?? 'zh_CN',
    SDKVersion: options.SDKVersion ?? '3.6.0',
    platform: 'ios',
  });
  w.getStorageSync = (key: string) => stubs.storage.get(key) ?? '';
  w.setStorageSync = (key: string, value: unknown) => void stubs.storage.set(key, value);
  w.getSetting = ({ success }: { success: (res: { authSetting: Record<string, boolean> }) => void }) =>
    success({ authSetting: { ...authSetting } });
  w.authorize = ({ scope, success, fail }: { scope: string; success: () => void; fail: () => void }) => {
    stubs.authorizeCalls.push(scope);
    const allowed = options.authorizeAnswer?.[scope] ?? true;
    authSetting[scope] = allowed;
    if (allowed) success();
    else fail();
  };
  w.navigateTo = ({
    url,
    success,
    complete,
  }: {
    url: string;
    success?: () => void;
    complete?: () => void;
  }) => {
    stubs.navigations.push(url);
    success?.();
    complete?.();
  };
  w.showToast = ({ title }: { title: string }) => void stubs.toasts.push(title);
  return stubs;
}
