/** A user-facing refusal; carries zh/en like core/errors' ErrorInfo so pages read `error[lang]` either way. */
import type { Bilingual } from '../../../core/i18n';

export class ChatInputError extends Error implements Bilingual {
  readonly zh: string;
  readonly en: string;
  constructor(readonly text: Bilingual) {
    super(text.en);
    this.name = 'ChatInputError';
    this.zh = text.zh;
    this.en = text.en;
  }
}

export function isBilingual(value: unknown): value is Bilingual {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Bilingual).zh === 'string' &&
    typeof (value as Bilingual).en === 'string'
  );
}
