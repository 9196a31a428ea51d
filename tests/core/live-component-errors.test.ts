import { classifyLiveComponentError } from '../../miniprogram/core/live-component-errors';

describe('live component binderror', () => {
  it.each([
    [
      { errCode: 10001, errMsg: 'live-pusher 渲染失败, 错误原因: fail:access denied' },
      'live-components-disabled',
    ],
    [{ errMsg: 'operateLivePusher:fail jsapi has no permission' }, 'live-components-disabled'],
    [{ errCode: 10001, errMsg: 'Not allowed to use camera.' }, 'privacy-guide-missing'],
    [{ errCode: 10002, errMsg: 'Not allowed to use microphone.' }, 'privacy-guide-missing'],
    [{ errCode: 10001, errMsg: 'camera denied' }, 'camera-refused'],
    [{ errCode: 10002 }, 'microphone-refused'],
    [{ errCode: 10003, errMsg: 'bgm failed' }, 'other'],
  ])('%j is %s', (detail, problem) => {
    expect(classifyLiveComponentError(detail).problem).toBe(problem);
  });

  it('tells the admin where to switch live video on, in both languages', () => {
    const error = classifyLiveComponentError({ errMsg: 'fail:access denied' });
    expect(error.zh).toContain('实时播放音视频流');
    expect(error.en).toContain('API settings');
    expect(error.action).toBe('leave');
  });

  it('shows an unknown failure with its message or code', () => {
    expect(classifyLiveComponentError({ errCode: 10004 }).en).toBe('The video component failed: 10004');
    expect(classifyLiveComponentError({ errMsg: 'decoder broke' }).zh).toBe('视频组件出错：decoder broke');
    expect(classifyLiveComponentError({}).en).toBe('The video component failed: ?');
  });
});
