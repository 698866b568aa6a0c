/** Safe, or possible exposure: the days and levels, what to do, and the health station to call. */
import { Linking, StyleSheet, Text } from 'react-native';
import { useAppModel, useAppState } from '../components/app-context';
import { Button } from '../components/button';
import { Card, Paragraph, Screen } from '../components/screen';
import { useI18n } from '../i18n/i18n';
import { COLORS } from '../theme';

export function ExposureScreen() {
  const model = useAppModel();
  const s = useAppState();
  const { t, formatDay } = useI18n();
  const station = model.services.healthStation;
  const exposed = s.exposures.length > 0;
  return (
    <Screen title={t('exposure.title')} testID="screen-exposure">
      <Card tone={exposed ? 'alert' : 'safe'}>
        <Text style={[styles.verdict, { color: exposed ? COLORS.alert : COLORS.safe }]} testID="exposure-verdict">
          {t(exposed ? 'exposure.possible' : 'exposure.safe')}
        </Text>
        {!exposed && <Paragraph>{t('exposure.safe.detail')}</Paragraph>}
        {s.exposures.map((e) => (
          <Text key={e.day} style={styles.day} testID="exposure-day">
            {t('exposure.day', { day: formatDay(e.day), level: t(`exposure.level.${e.level}`) })}
          </Text>
        ))}
      </Card>
      {exposed && (
        <Card>
          <Text style={styles.heading}>{t('exposure.todo')}</Text>
          <Text style={styles.todo}>{`1. ${t('exposure.todo.1')}`}</Text>
          <Text style={styles.todo}>{`2. ${t('exposure.todo.2')}`}</Text>
          <Text style={styles.todo}>{`3. ${t('exposure.todo.3')}`}</Text>
        </Card>
      )}
      <Card>
        <Paragraph>{t('exposure.contact', { name: station.name })}</Paragraph>
        <Button
          testID="call-station"
          variant="secondary"
          label={t('exposure.call', { phone: station.phone })}
          onPress={() => void Linking.openURL(`tel:${station.phone.replace(/\s/g, '')}`).catch(() => {})}
        />
      </Card>
    </Screen>
  );
}

const styles = StyleSheet.create({
  verdict: { fontSize: 22, fontWeight: '700', marginBottom: 6 },
  day: { fontSize: 16, color: COLORS.text, marginVertical: 2 },
  todo: { fontSize: 15, lineHeight: 21, color: COLORS.text, marginBottom: 6 },
  heading: { fontSize: 16, fontWeight: '700', marginBottom: 6, color: COLORS.text },
});
