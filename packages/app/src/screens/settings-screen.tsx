/** Language, the data retention (14 days, GAEN), version and licences. */
import { StyleSheet, Text, View } from 'react-native';
import { useAppModel } from '../components/app-context';
import { Button } from '../components/button';
import { Card, Paragraph, Screen } from '../components/screen';
import { LANGUAGES, useI18n } from '../i18n/i18n';
import { COLORS } from '../theme';

export function SettingsScreen() {
  const model = useAppModel();
  const { t, language, setLanguage } = useI18n();
  return (
    <Screen title={t('settings.title')} testID="screen-settings">
      <Card>
        <Text style={styles.heading}>{t('settings.language')}</Text>
        <View>
          {LANGUAGES.map((l) => (
            <Button
              key={l.code}
              testID={`language-${l.code}`}
              variant={l.code === language ? 'primary' : 'secondary'}
              label={l.name}
              onPress={() => setLanguage(l.code)}
            />
          ))}
        </View>
      </Card>
      <Card>
        <Text style={styles.heading} testID="settings-retention">
          {t('settings.retention')}
        </Text>
        <Paragraph muted>{t('settings.retentionDetail')}</Paragraph>
      </Card>
      <Card>
        <Text style={styles.heading}>{t('settings.licences')}</Text>
        <Paragraph muted>{t('settings.licencesBody')}</Paragraph>
        <Paragraph muted>{t('settings.version', { version: model.services.appVersion })}</Paragraph>
      </Card>
    </Screen>
  );
}

const styles = StyleSheet.create({ heading: { fontSize: 16, fontWeight: '700', color: COLORS.text, marginBottom: 6 } });
