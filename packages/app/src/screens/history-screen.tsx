/**
 * Encounters of the last 14 days (on the phone only) as a chart of encounter days, with the days
 * of an exposure notification marked; "delete all my data" is in Settings.
 */
import { StyleSheet, Text } from 'react-native';
import { useAppModel, useAppState } from '../components/app-context';
import { EncounterChart } from '../components/encounter-chart';
import { Card, Paragraph, Screen } from '../components/screen';
import { useI18n } from '../i18n/i18n';
import { COLORS } from '../theme';

export function HistoryScreen() {
  const model = useAppModel();
  const s = useAppState();
  const { t } = useI18n();
  const encounters = s.history.reduce((n, d) => n + d.encounters, 0);
  const close = s.history.reduce((n, d) => n + d.closeEncounters, 0);
  return (
    <Screen title={t('history.title')} testID="screen-history">
      <Card>
        <EncounterChart
          days={s.history}
          exposureDays={new Set(s.exposures.map((e) => e.day))}
          nowMs={model.services.clock.now()}
        />
      </Card>
      {s.history.length === 0 ? (
        <Paragraph muted>{t('history.empty')}</Paragraph>
      ) : (
        <Text style={styles.total} testID="history-total">
          {t('history.total', { encounters, close })}
        </Text>
      )}
      <Paragraph muted>{t('history.retention')}</Paragraph>
    </Screen>
  );
}

const styles = StyleSheet.create({ total: { fontSize: 16, color: COLORS.text, marginBottom: 8 } });
