/**
 * The rotating "Bluezone active" pass for office gatekeepers: a fresh signed BZC1 token every
 * 30 s (the server accepts each once, for 120 s), shown as a QR and as text to type.
 */
import { CHECKPOINT_TOKEN_ROTATION_MS } from '@bluezone/client';
import { useCallback, useEffect, useState } from 'react';
import { StyleSheet, Text } from 'react-native';
import { useAppModel, useAppState } from '../components/app-context';
import { Button } from '../components/button';
import { ErrorText } from '../components/error-text';
import { QrCode } from '../components/qr-code';
import { Card, Paragraph, Screen } from '../components/screen';
import { useI18n } from '../i18n/i18n';
import { COLORS } from '../theme';

export function CheckpointScreen() {
  const model = useAppModel();
  const s = useAppState();
  const { t } = useI18n();
  const [token, setToken] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const joined = s.unit !== null;
  const refresh = useCallback(() => {
    model.checkpointToken().then(setToken, setError);
  }, [model]);
  useEffect(() => {
    if (!joined) return;
    refresh();
    const timer = setInterval(refresh, CHECKPOINT_TOKEN_ROTATION_MS);
    return () => clearInterval(timer);
  }, [joined, refresh]);
  return (
    <Screen title={t('checkpoint.title')} testID="screen-checkpoint">
      {!joined ? (
        <Card tone="alert">
          <Paragraph>{t('checkpoint.needUnit')}</Paragraph>
          <Button testID="checkpoint-join" label={t('home.joinUnit')} onPress={() => model.navigate('unit')} />
        </Card>
      ) : (
        <Card tone={s.tracing ? 'safe' : 'alert'}>
          <Text style={[styles.state, { color: s.tracing ? COLORS.safe : COLORS.alert }]} testID="checkpoint-state">
            {t(s.tracing ? 'checkpoint.active' : 'checkpoint.inactive')}
          </Text>
          <Paragraph muted>{t('checkpoint.intro')}</Paragraph>
          {token !== null && <QrCode testID="checkpoint-qr" value={token} size={280} />}
          {token !== null && (
            <Text selectable style={styles.token} testID="checkpoint-token">
              {token}
            </Text>
          )}
          <Button testID="checkpoint-refresh" variant="secondary" label={t('checkpoint.refresh')} onPress={refresh} />
        </Card>
      )}
      <ErrorText error={error} />
    </Screen>
  );
}

const styles = StyleSheet.create({
  state: { fontSize: 22, fontWeight: '700', textAlign: 'center', marginBottom: 6 },
  token: { fontSize: 9, color: COLORS.muted, marginVertical: 6 },
});
