/**
 * Report a positive test: the code from health staff, a review of the keys that would be shared,
 * explicit consent, then the SDK's verify → certificate → publish. Nothing is sent before "Send".
 */
import { useState } from 'react';
import { StyleSheet, Switch, Text, View } from 'react-native';
import { useAppModel } from '../components/app-context';
import { Button } from '../components/button';
import { ErrorText } from '../components/error-text';
import { Card, Paragraph, Screen } from '../components/screen';
import { fieldStyles, TextField } from '../components/text-field';
import { useI18n } from '../i18n/i18n';
import type { SharedKeyDay } from '../model/app-model';
import { COLORS } from '../theme';

export function ReportScreen() {
  const model = useAppModel();
  const { t, formatDay, formatNumber } = useI18n();
  const [code, setCode] = useState('');
  const [keys, setKeys] = useState<SharedKeyDay[] | null>(null);
  const [consent, setConsent] = useState(false);
  const [state, setState] = useState<'idle' | 'sending' | { sent: number; negative: boolean }>('idle');
  const [error, setError] = useState<unknown>(null);
  return (
    <Screen title={t('report.title')} testID="screen-report">
      <Paragraph>{t('report.intro')}</Paragraph>
      <TextField
        testID="report-code"
        label={t('report.code')}
        value={code}
        onChangeText={(v) => setCode(v.replace(/\s/g, ''))}
        autoCapitalize="characters"
        inputStyle={styles.code}
      />
      <Button
        testID="report-review"
        variant="secondary"
        label={t('report.review')}
        disabled={code.length < 6}
        onPress={() => {
          setError(null);
          model.keysToShare().then(setKeys, setError);
        }}
      />
      {keys !== null && (
        <Card>
          <Text style={styles.label} testID="report-keys-label">
            {keys.length === 0 ? t('report.noKeysYet') : t('report.keys', { count: keys.length })}
          </Text>
          {keys.map((k) => (
            <Text key={`${k.day}:${k.hours}`} style={styles.key} testID="report-key">
              {t('report.keyDay', {
                day: formatDay(k.day),
                hours: formatNumber(k.hours, { maximumFractionDigits: 1 }),
              })}
            </Text>
          ))}
          <View style={styles.consent}>
            <Switch
              testID="report-consent"
              value={consent}
              onValueChange={setConsent}
              accessibilityLabel={t('report.consent')}
            />
            <Text style={styles.consentText}>{t('report.consent')}</Text>
          </View>
          <Button
            testID="report-send"
            variant="danger"
            label={t(state === 'sending' ? 'report.sending' : 'report.send')}
            disabled={!consent || state !== 'idle' || keys.length === 0}
            onPress={() => {
              setError(null);
              setState('sending');
              model.reportPositive(code).then(
                (r) => setState({ sent: r.keysPublished, negative: r.negative }),
                (err: unknown) => {
                  setError(err);
                  setState('idle');
                },
              );
            }}
          />
        </Card>
      )}
      {typeof state === 'object' && (
        <Text style={styles.sent} testID="report-sent">
          {state.negative ? t('report.negative') : t('report.sent', { count: state.sent })}
        </Text>
      )}
      <ErrorText error={error} />
    </Screen>
  );
}

const styles = StyleSheet.create({
  label: fieldStyles.label,
  code: { fontSize: 20, letterSpacing: 2 },
  key: { fontSize: 15, color: COLORS.text, marginVertical: 2 },
  consent: { flexDirection: 'row', alignItems: 'center', marginVertical: 10 },
  consentText: { flex: 1, marginLeft: 10, fontSize: 15, color: COLORS.text },
  sent: { fontSize: 16, fontWeight: '600', color: COLORS.safe, marginVertical: 8 },
});
