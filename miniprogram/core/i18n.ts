/**
 * Two languages: Chinese by default, English when the phone is set to English.
 * Strings live in one table so a missing translation is a type error, not a blank label.
 */

export type Lang = 'zh' | 'en';

export function pickLang(systemLanguage: string | undefined): Lang {
  return systemLanguage !== undefined && /^en/i.test(systemLanguage) ? 'en' : 'zh';
}

export interface Bilingual {
  zh: string;
  en: string;
}

let currentLang: Lang = 'zh';

export function setLang(lang: Lang): void {
  currentLang = lang;
}

export function getLang(): Lang {
  return currentLang;
}

/** Fills `{name}` placeholders; unknown placeholders stay visible rather than vanish. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    Object.prototype.hasOwnProperty.call(params, key) ? String(params[key]) : whole,
  );
}

export function say(
  text: Bilingual,
  params?: Record<string, string | number>,
  lang: Lang = currentLang,
): string {
  return format(text[lang], params);
}

/** A table of bilingual texts flattened to one language: the labels a page's WXML reads. */
export function labelsIn<K extends string>(table: Record<K, Bilingual>, lang: Lang): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const key of Object.keys(table) as K[]) out[key] = table[key][lang];
  return out;
}
