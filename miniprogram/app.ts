import { pickLang, setLang } from './core/i18n';

App<IAppOption>({
  globalData: { lang: 'zh' },
  onLaunch() {
    const lang = pickLang(wx.getSystemInfoSync().language);
    setLang(lang);
    this.globalData.lang = lang;
  },
});
