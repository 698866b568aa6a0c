/**
 * The rotating checkpoint pass for office gatekeepers: a fresh pass every 30 s (the server
 * accepts each token once, for 120 s), or sooner when the phone's identifier rotates, so the
 * pass always commits to what the phone is advertising. A countdown says when the next one
 * comes. The pass is only a QR: it is a signed token plus the Bluetooth identifier and salt,
 * ~200 characters nobody can type, so no text of it is shown (and the QR's spoken label names
 * it instead of reading it out). The gatekeeper's app checks the QR and listens for that
 * identifier. "Gatekeeper mode" turns this phone into the checking side.
 */
import { CHECKPOINT_TOKEN_ROTATION_MS, type CheckpointPass } from '@bluezone/client';
import { useCallback, useEffect, useState } from 'react';
import { StyleSheet, Text, View } from 'react-native';
import { useAppModel, useAppState } from '../components/app-context';
import { Button } from '../components/button';
import { ErrorText } from '../components/error-text';
import { QrCode } from '../components/qr-code';
import { Card, Paragraph, Screen } from '../components/screen';
import { useI18n } from '../i18n/i18n';
import { COLORS } from '../theme';

/** Never refresh faster than this, whatever the clock says (a clock behind the RPI's rotation). */
const MIN_REFRESH_MS = 1_000;
const ROTATION_S = CHECKPOINT_TOKEN_ROTATION_MS / 1000;

export function CheckpointScreen() {
  const model = useAppModel();
  const s = useAppState();
  const { t } = useI18n();
  const clock = model.services.clock;
  const [pass, setPass] = useState<CheckpointPass | null>(null);
  const [now, setNow] = useState(() => clock.now());
  const [error, setError] = useState<unknown>(null);
  const joined = s.unit !== null;
  const refresh = useCallback(() => {
    model.checkpointPass().then((p) => {
      setNow(clock.now());
      setPass(p);
    }, setError);
  }, [model, clock]);
  useEffect(() => {
    if (joined) refresh();
  }, [joined, refresh]);
  useEffect(() => {
    if (pass === null) return;
    const timer = setTimeout(refresh, Math.max(MIN_REFRESH_MS, pass.refreshAtMs - clock.now()));
    // The countdown reads the app's clock once a second.
    const tick = setInterval(() => setNow(clock.now()), 1_000);
    return () => {
      clearTimeout(timer);
      clearInterval(tick);
    };
  }, [pass, refresh, clock]);
  const left = pass === null ? 0 : Math.min(ROTATION_S, Math.max(0, Math.ceil((pass.refreshAtMs - now) / 1000)));
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
          {pass !== null && (
            <QrCode testID="checkpoint-qr" value={pass.text} size={280} label={t('checkpoint.qrLabel')} />
          )}
          {pass !== null && (
            <View
              style={styles.countdown}
              accessible
              accessibilityRole="timer"
              accessibilityLabel={t('checkpoint.countdown', { seconds: left })}
            >
              <Text style={styles.countdownText} testID="checkpoint-countdown">
                {t('checkpoint.countdown', { seconds: left })}
              </Text>
              <View style={styles.track}>
                <View style={[styles.bar, { width: `${(100 * left) / ROTATION_S}%` }]} />
              </View>
            </View>
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
  countdown: { marginVertical: 8, gap: 4 },
  countdownText: { fontSize: 16, fontWeight: '600', color: COLORS.text, textAlign: 'center' },
  track: { height: 6, borderRadius: 3, backgroundColor: COLORS.border, overflow: 'hidden' },
  bar: { height: 6, borderRadius: 3, backgroundColor: COLORS.primary },
});
