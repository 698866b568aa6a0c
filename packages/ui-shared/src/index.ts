/**
 * @bluezone/ui-shared: what the web app and the resident app share, portable to React Native (no
 * DOM at import time). Browser-only code (camera QR decoding, the page's saved language) is the
 * `@bluezone/ui-shared/browser` entry, which the phone build never imports.
 */
export { type AppI18n, createI18n, type I18n, type I18nConfig } from './i18n/catalogues';
export { I18nProvider, type I18nProviderProps, useI18n } from './i18n/i18n-context';
export {
  DAY_MONTH,
  formatDateTime,
  formatDay,
  formatNumber,
  SHORT_DATE,
  SHORT_DATE_TIME,
} from './i18n/intl-format';
export type { LanguageStore } from './i18n/language-store';
export {
  fieldLabel,
  missingProblemMessages,
  PROBLEM_MESSAGE_KEYS,
  type ProblemEntry,
  type ProblemInfo,
  type ProblemText,
  problemText,
} from './i18n/problem-message';
export { interpolate, type MessageParams, placeholders, type Translate, translator } from './i18n/translate';
