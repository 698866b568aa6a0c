// A value the server refuses in the admin's configuration card reads "<field>: <reason>" in the
// page's language: every field the card edits has a name in both catalogues (the problem names
// it `proximity.decisionQuantile` or `advice.vi`), and other problems are said as everywhere else.
import { createI18n, I18nProvider } from '@bluezone/ui-shared';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { EDITED_FIELDS } from '../src/admin/configuration/configuration-fields';
import { ConfigurationNotices } from '../src/admin/configuration/configuration-notices';
import { configurationRefusal } from '../src/admin/configuration/configuration-refusal';
import { ApiError } from '../src/api/api-client';
import en from '../src/i18n/en.json';
import vi from '../src/i18n/vi.json';

const i18n = createI18n({ catalogues: { vi, en }, locales: { vi: 'vi-VN', en: 'en-GB' }, defaultLanguage: 'vi' });
const refused = (field?: string) =>
  new ApiError(400, 'configuration_invalid', `${field}: must be …`, field === undefined ? {} : { field });
const render = (lang: 'vi' | 'en', node: ReactNode) =>
  renderToStaticMarkup(
    <I18nProvider i18n={i18n} language={lang}>
      {node}
    </I18nProvider>,
  );

describe('a refused configuration value', () => {
  it('leads with the field’s name in Vietnamese and English, then the reason', () => {
    expect(configurationRefusal(i18n.i18nFor('vi'), refused('proximity.decisionQuantile'))).toBe(
      'Phân vị quyết định: Giá trị không được chấp nhận, chưa lưu phiên bản mới.',
    );
    expect(configurationRefusal(i18n.i18nFor('en'), refused('proximity.decisionQuantile'))).toBe(
      'Decision quantile: The value is not accepted; no new version was saved.',
    );
    expect(configurationRefusal(i18n.i18nFor('vi'), refused('advice.vi'))).toBe(
      'Lời khuyên bằng tiếng Việt: Giá trị không được chấp nhận, chưa lưu phiên bản mới.',
    );
    expect(configurationRefusal(i18n.i18nFor('en'), refused('advice.en'))).toBe(
      'Advice in English: The value is not accepted; no new version was saved.',
    );
  });

  it('names every field the card edits, never as the server spells it', () => {
    expect(EDITED_FIELDS).toContain('proximity.notifyCloseMinutes');
    expect(EDITED_FIELDS).toContain('advice.vi');
    for (const lang of ['vi', 'en'] as const)
      for (const field of EDITED_FIELDS) {
        const said = configurationRefusal(i18n.i18nFor(lang), refused(field)) ?? '';
        const label = said.slice(0, said.indexOf(': '));
        expect(label, `${lang} ${field}`).not.toBe('');
        // Neither `advice.vi` nor `decisionQuantile`: a name from the catalogue.
        for (const raw of [field, ...field.split('.')])
          expect(label.toLowerCase(), `${lang} ${field}`).not.toBe(raw.toLowerCase());
      }
    // Two languages' advice are two different boxes, and so two names.
    expect(configurationRefusal(i18n.i18nFor('vi'), refused('advice.vi'))).not.toBe(
      configurationRefusal(i18n.i18nFor('vi'), refused('advice.en')),
    );
  });

  it('names a refused risk configuration by its part, deeper paths included', () => {
    expect(EDITED_FIELDS).toContain('risk');
    expect(EDITED_FIELDS).toContain('risk.highRiskMinutesPerDay');
    expect(configurationRefusal(i18n.i18nFor('vi'), refused('risk.highRiskMinutesPerDay'))).toBe(
      'Số phút mỗi ngày để tính là nguy cơ cao (tham số tính nguy cơ): Giá trị không được chấp nhận, chưa lưu phiên bản mới.',
    );
    expect(configurationRefusal(i18n.i18nFor('en'), refused('risk'))).toBe(
      'Risk parameters: The value is not accepted; no new version was saved.',
    );
    // `kind` alone is another form's "type": the risk's transmission weighting is named instead.
    for (const lang of ['vi', 'en'] as const)
      expect(configurationRefusal(i18n.i18nFor(lang), refused('risk.transmission.kind'))).toBe(
        configurationRefusal(i18n.i18nFor(lang), refused('risk.transmission')),
      );
    expect(configurationRefusal(i18n.i18nFor('en'), refused('risk.transmission.reportTypeWeights.selfReport'))).toBe(
      'Report type and infectiousness weighting (risk parameters): The value is not accepted; no new version was saved.',
    );
  });

  it('shows a field the catalogue has no name for as the server wrote it', () => {
    expect(configurationRefusal(i18n.i18nFor('en'), refused('proximity.states.0.meanAttenuationDb'))).toBe(
      'proximity.states.0.meanAttenuationDb: The value is not accepted; no new version was saved.',
    );
  });

  it('leaves other problems to the page’s usual error message', () => {
    const t = i18n.i18nFor('en');
    expect(configurationRefusal(t, refused())).toBeNull();
    expect(
      configurationRefusal(t, new ApiError(409, 'configuration_version_conflict', 'v', { field: 'version' })),
    ).toBe(null);
    expect(configurationRefusal(t, new Error('offline'))).toBeNull();
  });

  it('is what the card shows as its alert', () => {
    const html = render('vi', <ConfigurationNotices action={{ error: refused('advice.vi'), message: null }} />);
    expect(html).toContain('role="alert"');
    expect(html).toContain('Lời khuyên bằng tiếng Việt: Giá trị không được chấp nhận, chưa lưu phiên bản mới.');
    expect(html).not.toContain('advice.vi');
    const conflict = new ApiError(409, 'configuration_version_conflict', 'v', { field: 'version' });
    expect(render('en', <ConfigurationNotices action={{ error: conflict, message: null }} />)).toContain(
      'Someone saved the configuration meanwhile. Reload it and make your change again. (field: version)',
    );
    expect(
      render('en', <ConfigurationNotices action={{ error: null, message: 'Version 2 saved and signed.' }} />),
    ).toContain('Version 2 saved and signed.');
  });
});
