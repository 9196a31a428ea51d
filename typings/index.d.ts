interface IAppOption {
  globalData: {
    /** Set once in onLaunch from the phone's language; pages read it for their labels. */
    lang: 'zh' | 'en';
  };
}
