/**
 * The rotating checkpoint pass for office gatekeepers: a fresh pass every 30 s (the server
 * accepts each token once, for 120 s), or sooner when the phone's identifier rotates, so the
 * pass always commits to what the phone is advertising. The gatekeeper's app checks the QR
 * and listens for that identifier; the text under it is the same QR content. "Gatekeeper mode"
 * turns this phone into the checking side.
 */
import type { CheckpointPass } from '@bluezone/client';
import { useCallback, useEffect, useState } from 'react';
import { StyleSheet, Text } from 'react-native';
import { useAppModel, useAppState } from '../components/app-context';
import { Button } from '../components/button';
import { ErrorText } from '../components/error-text';
import { QrCode } from '../components/qr-code';
import { Card, Paragraph, Screen } from '../components/screen';
import { useI18n } from '../i18n/i18n';
import { COLORS } from '../theme';

/** Never refresh faster than this, whatever the clock says (a clock behind the RPI's rotation). */
const MIN_REFRESH_MS = 1_000;

export function CheckpointScreen() {
  const model = useAppModel();
  const s = useAppState();
  const { t } = useI18n();
  const [pass, setPass] = useState<CheckpointPass | null>(null);
  const [error, setError] = useState<unknown>(null);
  const joined = s.unit !== null;
  const refresh = useCallback(() => {
    model.checkpointPass().then(setPass, setError);
  }, [model]);
  useEffect(() => {
    if (joined) refresh();
  }, [joined, refresh]);
  useEffect(() => {
    if (pass === null) return;
    const timer = setTimeout(refresh, Math.max(MIN_REFRESH_MS, pass.refreshAtMs - model.services.clock.now()));
    return () => clearTimeout(timer);
  }, [pass, refresh, model]);
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
          <Paragraph muted>{t(s.tracing ? 'checkpoint.intro' : 'checkpoint.needTracing')}</Paragraph>
          {pass !== null && <QrCode testID="checkpoint-qr" value={pass.text} size={280} />}
          {pass !== null && (
            <Text selectable style={styles.token} testID="checkpoint-token">
              {pass.text}
            </Text>
          )}
          <Button testID="checkpoint-refresh" variant="secondary" label={t('checkpoint.refresh')} onPress={refresh} />
        </Card>
      )}
      <ErrorText error={error} />
      <Button
        testID="checkpoint-gatekeeper"
        variant="secondary"
        label={t('gatekeeper.open')}
        onPress={() => model.navigate('gatekeeper')}
      />
    </Screen>
  );
}

const styles = StyleSheet.create({
  state: { fontSize: 22, fontWeight: '700', textAlign: 'center', marginBottom: 6 },
  token: { fontSize: 9, color: COLORS.muted, marginVertical: 6 },
});
