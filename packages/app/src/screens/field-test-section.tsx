/**
 * Settings' "Field test phone": a health authority's test phone takes the test's code here (its
 * QR scanned, or the `BZFT1.…` text pasted), then shows the test, its window and until when the
 * recording may be exported, exports it (`<testId>-<phone>.json`, a download in a browser, the
 * share sheet on a phone) and leaves the test. An ordinary install sees only what the mode is for.
 */
import { fieldTestExportEndsAt } from '@bluezone/protocol';
import { useState } from 'react';
import { StyleSheet, Text, View } from 'react-native';
import { useAppModel, useAppState } from '../components/app-context';
import { Button } from '../components/button';
import { ErrorText } from '../components/error-text';
import { Card, Paragraph } from '../components/screen';
import { TextField } from '../components/text-field';
import { APP_DATE_TIME, useI18n } from '../i18n/i18n';
import { AppError } from '../model/app-error';
import { COLORS } from '../theme';

export function FieldTestSection() {
  const model = useAppModel();
  const { fieldTest } = useAppState();
  const { t, formatDateTime } = useI18n();
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  /** The name of the file the last export handed out. */
  const [exported, setExported] = useState<string | null>(null);
  const scanner = model.services.scanQr;
  const run = (op: () => Promise<unknown>) => {
    setError(null);
    setBusy(true);
    op()
      .catch((err: unknown) => {
        // Closing the scanner is a choice, not an error.
        if (!(err instanceof AppError && err.code === 'scan_cancelled')) setError(err);
      })
      .finally(() => setBusy(false));
  };
  const enrol = async (token: string) => {
    await model.enrolFieldTest(token);
    setText('');
    setExported(null);
    setConfirming(false);
  };
  const at = (ms: number) => formatDateTime(ms, APP_DATE_TIME);

  if (fieldTest === null) {
    return (
      <Card>
        <Text style={styles.heading}>{t('fieldTest.title')}</Text>
        <Paragraph muted>{t('fieldTest.intro')}</Paragraph>
        {scanner !== undefined && (
          <Button
            testID="field-test-scan"
            variant="secondary"
            label={t('fieldTest.scan')}
            disabled={busy}
            onPress={() => run(async () => enrol(await scanner()))}
          />
        )}
        <TextField testID="field-test-input" label={t('fieldTest.code')} value={text} onChangeText={setText} />
        <Button
          testID="field-test-enrol"
          variant="secondary"
          label={t('fieldTest.enrol')}
          disabled={busy || text.trim() === ''}
          onPress={() => run(() => enrol(text))}
        />
        <ErrorText error={error} />
      </Card>
    );
  }
  return (
    <Card tone="alert">
      <Text style={styles.heading}>{t('fieldTest.title')}</Text>
      <Text style={styles.enrolled} testID="field-test-enrolled">
        {t('fieldTest.enrolled', { phone: fieldTest.phone, testId: fieldTest.testId })}
      </Text>
      <Text style={styles.window} testID="field-test-window">
        {t('fieldTest.window', { start: at(fieldTest.startsAtMs), end: at(fieldTest.endsAtMs) })}
      </Text>
      <Paragraph muted>{t('fieldTest.exportUntil', { time: at(fieldTestExportEndsAt(fieldTest)) })}</Paragraph>
      <Paragraph>{t('fieldTest.exports')}</Paragraph>
      <Button
        testID="field-test-export"
        label={t('fieldTest.export')}
        disabled={busy}
        onPress={() =>
          run(async () => {
            setExported(null);
            setExported((await model.exportFieldTest()).name);
          })
        }
      />
      {exported !== null && <Paragraph>{t('fieldTest.exported', { file: exported })}</Paragraph>}
      {confirming ? (
        <View>
          <Paragraph>{t('fieldTest.confirmLeave')}</Paragraph>
          <Button
            testID="field-test-confirm-leave"
            variant="danger"
            label={t('fieldTest.confirmLeaveButton')}
            disabled={busy}
            onPress={() =>
              run(async () => {
                await model.leaveFieldTest();
                setConfirming(false);
                setExported(null);
              })
            }
          />
          <Button variant="secondary" label={t('settings.cancel')} onPress={() => setConfirming(false)} />
        </View>
      ) : (
        <Button
          testID="field-test-leave"
          variant="secondary"
          label={t('fieldTest.leave')}
          disabled={busy}
          onPress={() => setConfirming(true)}
        />
      )}
      <ErrorText error={error} />
    </Card>
  );
}

const styles = StyleSheet.create({
  heading: { fontSize: 16, fontWeight: '700', color: COLORS.text, marginBottom: 6 },
  enrolled: { fontSize: 16, fontWeight: '700', color: COLORS.alert, marginBottom: 6 },
  window: { fontSize: 15, lineHeight: 21, color: COLORS.text, marginBottom: 6 },
});
