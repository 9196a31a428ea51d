/**
 * The CDN relay address the host types or the config gives. Pure: no wx, no SDK.
 * The SDK's addPublishCdnUrl takes RTMP only; the cloud refuses anything else (1000055) after a round
 * trip, so we refuse it at once with words the host can act on.
 */
import type { Bilingual } from '../../core/i18n';

/** ZEGO does not publish a limit; 1024 is far above any real RTMP push URL with its auth query. */
export const MAX_RELAY_URL_LENGTH = 1024;

export type RelayUrlCheck = { ok: true; url: string } | ({ ok: false; reason: RelayUrlProblem } & Bilingual);

export type RelayUrlProblem = 'empty' | 'scheme' | 'host' | 'spaces' | 'too-long';

const WORDS: Record<RelayUrlProblem, Bilingual> = {
  empty: { zh: '请填写转推地址（rtmp://…）', en: 'Enter a relay address (rtmp://…)' },
  scheme: { zh: '转推地址必须以 rtmp:// 开头', en: 'The relay address must start with rtmp://' },
  host: { zh: '转推地址缺少服务器和路径', en: 'The relay address needs a server and a path' },
  spaces: { zh: '转推地址不能包含空格', en: 'The relay address must not contain spaces' },
  'too-long': {
    zh: `转推地址太长（最多 ${MAX_RELAY_URL_LENGTH} 个字符）`,
    en: `The relay address is too long (at most ${MAX_RELAY_URL_LENGTH} characters)`,
  },
};

export function checkRelayUrl(raw: unknown): RelayUrlCheck {
  const url = typeof raw === 'string' ? raw.trim() : '';
  const problem = problemOf(url);
  return problem === null ? { ok: true, url } : { ok: false, reason: problem, ...WORDS[problem] };
}

function problemOf(url: string): RelayUrlProblem | null {
  if (url === '') return 'empty';
  if (url.length > MAX_RELAY_URL_LENGTH) return 'too-long';
  if (!/^rtmp:\/\//i.test(url)) return 'scheme';
  if (/\s/.test(url)) return 'spaces';
  // rtmp://host[:port]/app/stream — a server and at least one path segment.
  if (!/^rtmp:\/\/[^/:?#]+(:\d{1,5})?\/[^?#]+/i.test(url)) return 'host';
  return null;
}
