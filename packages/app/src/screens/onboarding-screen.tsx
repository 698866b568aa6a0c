/** First run: what the app does and does not collect, then the Bluetooth and notification prompts. */
import { useState } from 'react';
import { StyleSheet, Text, View } from 'react-native';
import { useAppModel } from '../components/app-context';
import { Button } from '../components/button';
import { Card, Paragraph, Screen } from '../components/screen';
import { useI18n } from '../i18n/i18n';
import { COLORS } from '../theme';

function Item({ mark, text, color }: { mark: string; text: string; color: string }) {
  return (
    <View style={styles.item}>
      <Text style={[styles.mark, { color }]}>{mark}</Text>
      <Text style={styles.itemText}>{text}</Text>
    </View>
  );
}

export function OnboardingScreen() {
  const model = useAppModel();
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  return (
    <Screen title={t('onboarding.title')} testID="screen-onboarding">
      <Paragraph>{t('onboarding.intro')}</Paragraph>
      <Card tone="safe">
        <Text style={styles.heading}>{t('onboarding.collects')}</Text>
        <Item mark="✓" color={COLORS.safe} text={t('onboarding.collects.ids')} />
        <Item mark="✓" color={COLORS.safe} text={t('onboarding.collects.signal')} />
      </Card>
      <Card tone="alert">
        <Text style={styles.heading}>{t('onboarding.never')}</Text>
        <Item mark="✕" color={COLORS.alert} text={t('onboarding.never.phone')} />
        <Item mark="✕" color={COLORS.alert} text={t('onboarding.never.location')} />
        <Item mark="✕" color={COLORS.alert} text={t('onboarding.never.upload')} />
      </Card>
      <Paragraph muted>{t('onboarding.permissions')}</Paragraph>
      <Button
        testID="onboarding-start"
        label={t('onboarding.start')}
        disabled={busy}
        onPress={() => {
          setBusy(true);
          void model.completeOnboarding().finally(() => setBusy(false));
        }}
      />
    </Screen>
  );
}

const styles = StyleSheet.create({
  heading: { fontSize: 16, fontWeight: '700', color: COLORS.text, marginBottom: 6 },
  item: { flexDirection: 'row', marginVertical: 3 },
  mark: { width: 22, fontSize: 16, fontWeight: '700' },
  itemText: { flex: 1, fontSize: 15, color: COLORS.text },
});
