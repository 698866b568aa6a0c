/**
 * Tracing on/off (with the reason when off), the home unit by name, the radar of nearby phones,
 * the last exposure check; while the phone is a field test's test phone, a banner saying so
 * (its keys and what it hears will be exported), which leads to the field test in Settings.
 */
import { useState } from 'react';
import { Pressable, StyleSheet, Text, View } from 'react-native';
import { useAppModel, useAppState } from '../components/app-context';
import { Button } from '../components/button';
import { ErrorText } from '../components/error-text';
import { Radar } from '../components/radar';
import { Card, Paragraph, Screen } from '../components/screen';
import { APP_DATE_TIME, type Translate, useI18n } from '../i18n/i18n';
import type { AppState } from '../model/app-model';
import { COLORS } from '../theme';

export function HomeScreen() {
  const model = useAppModel();
  const s = useAppState();
  const { t, formatDateTime } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const run = (op: () => Promise<unknown>) => {
    setError(null);
    op().catch(setError);
  };
  return (
    <Screen title={t('app.name')} testID="screen-home">
      {s.fieldTest !== null && (
        <Pressable
          accessibilityRole="button"
          onPress={() => model.navigate('settings')}
          style={styles.fieldTest}
          testID="field-test-banner"
        >
          <Text style={styles.bannerText}>
            {t('home.fieldTestBanner', { phone: s.fieldTest.phone, testId: s.fieldTest.testId })}
          </Text>
        </Pressable>
      )}
      {s.exposures.length > 0 && (
        <Pressable onPress={() => model.navigate('exposure')} style={styles.banner} testID="exposure-banner">
          <Text style={styles.bannerText}>{t('home.exposureBanner')}</Text>
        </Pressable>
      )}
      <Card tone={s.tracing ? 'safe' : 'alert'}>
        <Text style={[styles.status, { color: s.tracing ? COLORS.safe : COLORS.alert }]} testID="tracing-status">
          {t(s.tracing ? 'home.tracing.on' : 'home.tracing.off')}
        </Text>
        {s.tracingOffReason !== null && !s.tracing && (
          <Paragraph muted>{t(`home.reason.${s.tracingOffReason}`)}</Paragraph>
        )}
        <Button
          testID="tracing-toggle"
          variant={s.tracing ? 'secondary' : 'primary'}
          label={t(s.tracing ? 'home.turnOff' : 'home.turnOn')}
          onPress={() => run(() => model.setTracing(!s.tracing))}
        />
      </Card>
      <Text style={styles.unit} testID="home-unit">
        {s.unit === null ? t('home.noUnit') : t('home.unit', { unit: unitName(t, s) })}
      </Text>
      <Radar rssi={s.nearbyRssi} />
      <Text style={styles.nearby} testID="nearby-now">
        {t('home.nearbyNow', { count: s.nearbyNow })}
      </Text>
      <Paragraph muted>{t('home.today', { count: s.today })}</Paragraph>
      <Card>
        <Text testID="last-check" style={styles.check}>
          {s.lastCheckMs === null
            ? t('home.neverChecked')
            : t('home.lastCheck', { time: formatDateTime(s.lastCheckMs, APP_DATE_TIME) })}
        </Text>
        <Button
          testID="check-now"
          variant="secondary"
          label={t('home.checkNow')}
          onPress={() => run(() => model.checkExposure())}
        />
      </Card>
      <ErrorText error={error} />
      <View style={styles.row}>
        <Button
          testID="go-unit"
          variant="secondary"
          label={t('home.joinUnit')}
          onPress={() => model.navigate('unit')}
        />
        <Button testID="go-report" variant="danger" label={t('home.report')} onPress={() => model.navigate('report')} />
      </View>
    </Screen>
  );
}

/** "Thôn 1, Xã Hương Phú" once the server named the home; its code until then. */
function unitName(t: Translate, s: AppState): string {
  if (s.home === null) return s.unit?.unitCode ?? '';
  return s.home.parentName === null ? s.home.name : t('unit.place', { name: s.home.name, parent: s.home.parentName });
}

const styles = StyleSheet.create({
  unit: { fontSize: 15, color: COLORS.text, marginBottom: 8 },
  banner: { backgroundColor: COLORS.alert, borderRadius: 12, padding: 12, marginBottom: 12 },
  fieldTest: { backgroundColor: COLORS.primaryDark, borderRadius: 12, padding: 12, marginBottom: 12 },
  bannerText: { color: '#fff', fontSize: 16, fontWeight: '700' },
  status: { fontSize: 20, fontWeight: '700', marginBottom: 4 },
  nearby: { fontSize: 17, fontWeight: '600', color: COLORS.text, textAlign: 'center', marginBottom: 4 },
  check: { fontSize: 15, color: COLORS.text },
  row: { marginTop: 8 },
});
