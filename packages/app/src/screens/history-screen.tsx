/** Encounters and close encounters per day (14 days, on the phone only); delete all data. */
import { useState } from 'react';
import { StyleSheet, Text, View } from 'react-native';
import { useAppModel, useAppState } from '../components/app-context';
import { Button } from '../components/button';
import { Card, Paragraph, Screen } from '../components/screen';
import { useI18n } from '../i18n/i18n';
import { COLORS } from '../theme';

export function HistoryScreen() {
  const model = useAppModel();
  const s = useAppState();
  const { t, formatDay } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [deleted, setDeleted] = useState(false);
  return (
    <Screen title={t('history.title')} testID="screen-history">
      <Card>
        {s.history.length === 0 && <Paragraph muted>{t('history.empty')}</Paragraph>}
        {s.history.map((d) => (
          <Text key={d.day} style={styles.day} testID="history-day">
            {t('history.day', { day: formatDay(d.day), encounters: d.encounters, close: d.closeEncounters })}
          </Text>
        ))}
      </Card>
      <Paragraph muted>{t('history.retention')}</Paragraph>
      {deleted && <Paragraph>{t('history.deleted')}</Paragraph>}
      {confirming ? (
        <Card tone="alert">
          <Paragraph>{t('history.confirmDelete')}</Paragraph>
          <View>
            <Button
              testID="confirm-delete"
              variant="danger"
              label={t('history.confirm')}
              onPress={() => {
                void model.deleteAllData().then(() => {
                  setConfirming(false);
                  setDeleted(true);
                });
              }}
            />
            <Button variant="secondary" label={t('history.cancel')} onPress={() => setConfirming(false)} />
          </View>
        </Card>
      ) : (
        <Button
          testID="delete-all"
          variant="danger"
          label={t('history.deleteAll')}
          onPress={() => setConfirming(true)}
        />
      )}
    </Screen>
  );
}

const styles = StyleSheet.create({ day: { fontSize: 16, color: COLORS.text, marginVertical: 4 } });
