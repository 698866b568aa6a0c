/**
 * Language, the data retention (14 days, GAEN), "delete all my data", a health authority's field
 * test phone (field-test-section.tsx), version and licences.
 */
import { useState } from 'react';
import { StyleSheet, Text, View } from 'react-native';
import { useAppModel } from '../components/app-context';
import { Button } from '../components/button';
import { Card, Paragraph, Screen } from '../components/screen';
import { LANGUAGES, useI18n } from '../i18n/i18n';
import { COLORS } from '../theme';
import { FieldTestSection } from './field-test-section';

export function SettingsScreen() {
  const model = useAppModel();
  const { t, language, setLanguage } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [deleted, setDeleted] = useState(false);
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
      <Card {...(confirming ? { tone: 'alert' as const } : {})}>
        <Text style={styles.heading}>{t('settings.data')}</Text>
        <Paragraph muted>{t('settings.deleteDetail')}</Paragraph>
        {deleted && <Paragraph>{t('settings.deleted')}</Paragraph>}
        {confirming ? (
          <View>
            <Paragraph>{t('settings.confirmDelete')}</Paragraph>
            <Button
              testID="confirm-delete"
              variant="danger"
              label={t('settings.confirm')}
              onPress={() => {
                void model.deleteAllData().then(() => {
                  setConfirming(false);
                  setDeleted(true);
                });
              }}
            />
            <Button variant="secondary" label={t('settings.cancel')} onPress={() => setConfirming(false)} />
          </View>
        ) : (
          <Button
            testID="delete-all"
            variant="danger"
            label={t('settings.deleteAll')}
            onPress={() => {
              setDeleted(false);
              setConfirming(true);
            }}
          />
        )}
      </Card>
      <FieldTestSection />
      <Card>
        <Text style={styles.heading}>{t('settings.licences')}</Text>
        <Paragraph muted>{t('settings.licencesBody')}</Paragraph>
        <Paragraph muted>{t('settings.version', { version: model.services.appVersion })}</Paragraph>
      </Card>
    </Screen>
  );
}

const styles = StyleSheet.create({ heading: { fontSize: 16, fontWeight: '700', color: COLORS.text, marginBottom: 6 } });
