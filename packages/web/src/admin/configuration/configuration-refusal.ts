/**
 * A save the server refused as "<field>: <reason>" ("Phân vị quyết định: Giá trị không được chấp
 * nhận…"): the configuration_invalid problem names the value at fault (`proximity.decisionQuantile`,
 * `advice.vi`, `risk.highRiskMinutesPerDay`), which leads the sentence, so the administrator sees at
 * once which box to fix. The field's name comes from the catalogue's `field.<name>` through
 * ui-shared's fieldLabel and the reason from `problem.<code>`, as every other form's errors;
 * anything else is left to ErrorMessage.
 */
import type { I18n } from '@bluezone/ui-shared';
import { fieldLabel, problemText } from '@bluezone/ui-shared';
import { ApiError } from '../../api/api-client';
import type { Lang, MessageKey } from '../../i18n/i18n';

type Words = Pick<I18n<Lang, MessageKey>, 't' | 'locale'>;

/** The refusal's sentence, or null when `error` is not a refused value with its field. */
export function configurationRefusal({ t, locale }: Words, error: Error): string | null {
  if (!(error instanceof ApiError) || error.code !== 'configuration_invalid') return null;
  const { field, ...info } = error.info;
  if (field === undefined) return null;
  // The risk configuration is chosen whole: a deeper path is named as its part, so that
  // `risk.transmission.kind` does not read as another form's "kind".
  const named = /^risk\.[A-Za-z]+/.exec(field)?.[0] ?? field;
  const label = fieldLabel(t, named);
  return t('admin.configuration.refused', {
    // The label leads the sentence; the catalogue keeps field names lower case for mid-sentence use.
    // A field without a name in the catalogue is shown as the server wrote it.
    field: label === named ? field : label.charAt(0).toLocaleUpperCase(locale) + label.slice(1),
    reason: problemText(t, info).message,
  });
}
