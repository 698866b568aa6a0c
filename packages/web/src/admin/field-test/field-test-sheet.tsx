/**
 * The printable sheet of a field test's enrolments: one slip per phone with its QR code (the
 * `BZFT1.` token), its label, the test and its window, and how to scan it in Vietnamese and in
 * English whatever the page's language (whoever holds the phone may read either). Printing the
 * page while a sheet is shown prints the sheet alone (styles.css, `@media print`); a slip does not
 * break across pages, so the sheet may be cut into slips.
 */
import type { fieldTestApi } from '@bluezone/protocol/api';
import { useI18n } from '../../i18n/i18n';
import { useQrDataUrl } from '../../qr/qr-image';

function PhoneSlip({
  enrolment,
  testId,
  testWindow,
}: {
  enrolment: fieldTestApi.FieldTestEnrolmentEntry;
  testId: string;
  testWindow: string;
}) {
  const { t } = useI18n();
  const qr = useQrDataUrl(enrolment.token);
  return (
    <li className="field-test-slip" data-testid={`field-test-slip-${enrolment.phone}`}>
      <strong className="field-test-label">{enrolment.phone}</strong>
      {qr ? (
        <img
          className="field-test-qr"
          src={qr}
          alt={t('admin.fieldTest.qrAlt', { phone: enrolment.phone })}
          data-testid="field-test-qr"
        />
      ) : (
        <span className="field-test-qr" aria-hidden="true" />
      )}
      <span className="muted">
        {testId} · {testWindow}
      </span>
      <span lang="vi">{t('admin.fieldTest.sheet.scanVi')}</span>
      <span lang="en">{t('admin.fieldTest.sheet.scanEn')}</span>
    </li>
  );
}

export function FieldTestSheet({ issued }: { issued: fieldTestApi.IssueFieldTestResponse }) {
  const { t, formatDateTime } = useI18n();
  const testWindow = t('admin.fieldTest.sheet.window', {
    start: formatDateTime(issued.startsAtMs),
    end: formatDateTime(issued.endsAtMs),
  });
  return (
    <section className="field-test-sheet" data-testid="field-test-sheet" aria-labelledby="field-test-sheet-title">
      <h3 id="field-test-sheet-title">
        {t('admin.fieldTest.sheet.title', { testId: issued.testId, count: issued.enrolments.length })}
      </h3>
      <p data-testid="field-test-sheet-window">
        {testWindow} · {t('admin.fieldTest.sheet.region', { region: issued.region })}
      </p>
      <p className="hint no-print">{t('admin.fieldTest.sheet.hint')}</p>
      <button type="button" className="button no-print" onClick={() => window.print()}>
        {t('admin.fieldTest.print')}
      </button>
      <ol className="field-test-slips">
        {issued.enrolments.map((e) => (
          <PhoneSlip key={e.phone} enrolment={e} testId={issued.testId} testWindow={testWindow} />
        ))}
      </ol>
    </section>
  );
}
