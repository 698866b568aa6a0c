/**
 * Gatekeeper mode: this phone checks visitors' passes at the office checkpoint it is paired
 * with. Pairing scans the gate key QR a unit manager shows in the web app. A check reads the
 * visitor's pass, listens a few seconds for their phone's Bluetooth identifier, and shows the
 * server's answer: "app running nearby" only when the radio heard the phone the pass was made
 * on. The identifier is never shown or kept.
 */
import { problemText } from '@bluezone/ui-shared';
import { useState, useSyncExternalStore } from 'react';
import { ActivityIndicator, StyleSheet, Text, View } from 'react-native';
import { useAppModel, useAppState } from '../components/app-context';
import { Button } from '../components/button';
import { ErrorText } from '../components/error-text';
import { Card, Paragraph, Screen } from '../components/screen';
import { TextField } from '../components/text-field';
import { type MessageKey, type Translate, useI18n } from '../i18n/i18n';
import { AppError } from '../model/app-error';
import type { GateDirection, GateLast } from '../model/gatekeeper-mode';
import { COLORS } from '../theme';

const LOCAL_REFUSALS = ['token_forged', 'token_expired', 'token_outdated', 'radio_mismatch', 'radio_missing'];

/** The reasons gatekeepers meet most for a visitor without the app, one tap each. */
const NO_APP_REASONS: readonly MessageKey[] = [
  'gatekeeper.noApp.featurePhone',
  'gatekeeper.noApp.noPhone',
  'gatekeeper.noApp.battery',
  'gatekeeper.noApp.declined',
];

/** The verdict in large type and its explanation, and whether it is the good one. */
function verdictText(t: Translate, v: GateLast): { title: string; detail: string; ok: boolean } {
  if (v.kind === 'no_app') return { title: t('gatekeeper.result.noApp'), detail: v.reason, ok: false };
  if (v.kind === 'refused') {
    const detail = LOCAL_REFUSALS.includes(v.code)
      ? t(`gatekeeper.refused.${v.code}` as MessageKey)
      : problemText(t, { status: 400, code: v.code }).message;
    return { title: t('gatekeeper.result.refused'), detail, ok: false };
  }
  const { outcome } = v;
  if (outcome.result === 'active') {
    return outcome.radio === 'heard'
      ? { title: t('gatekeeper.result.heard'), detail: t('gatekeeper.result.heardDetail'), ok: true }
      : { title: t('gatekeeper.result.signatureOnly'), detail: t('gatekeeper.result.signatureOnlyDetail'), ok: true };
  }
  return {
    title: t('gatekeeper.result.inactive'),
    detail: t(`gatekeeper.reason.${outcome.reasonCode ?? 'not_attested_recently'}` as MessageKey),
    ok: false,
  };
}

export function GatekeeperScreen() {
  const model = useAppModel();
  const s = useAppState();
  const gk = useSyncExternalStore(model.gatekeeper.subscribe, () => model.gatekeeper.state);
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const scanner = model.services.scanQr;
  const run = (action: () => Promise<unknown>) => {
    setError(null);
    action().then(
      () => setText(''),
      (err: unknown) => {
        // Closing the scanner is a choice, not an error.
        if (!(err instanceof AppError && err.code === 'scan_cancelled')) setError(err);
      },
    );
  };
  const fromScanner = (use: (qr: string) => Promise<unknown>) => () =>
    run(async () => {
      if (scanner) await use(await scanner());
    });

  if (gk.checkpoint === null) {
    return (
      <Screen title={t('gatekeeper.title')} testID="screen-gatekeeper">
        <Paragraph>{t('gatekeeper.pairIntro')}</Paragraph>
        {scanner !== undefined && (
          <Button
            testID="gate-pair-scan"
            label={t('gatekeeper.pairScan')}
            onPress={fromScanner((qr) => model.gatekeeper.pair(qr))}
          />
        )}
        <TextField testID="gate-pair-input" label={t('gatekeeper.pairManual')} value={text} onChangeText={setText} />
        <Button
          testID="gate-pair"
          label={t('gatekeeper.pair')}
          disabled={text.trim() === ''}
          onPress={() => run(() => model.gatekeeper.pair(text))}
        />
        <ErrorText error={error} />
      </Screen>
    );
  }

  const verdict = gk.last === null ? null : verdictText(t, gk.last);
  return (
    <Screen title={t('gatekeeper.title')} testID="screen-gatekeeper">
      <Text style={styles.checkpoint} testID="gate-checkpoint">
        {t('gatekeeper.paired', { checkpoint: gk.checkpoint.name })}
      </Text>
      <View style={styles.directions} accessibilityRole="radiogroup">
        {(['entry', 'exit'] as GateDirection[]).map((d) => (
          <Button
            key={d}
            testID={`gate-${d}`}
            variant={gk.direction === d ? 'primary' : 'secondary'}
            label={t(`gatekeeper.${d}`)}
            onPress={() => model.gatekeeper.setDirection(d)}
          />
        ))}
      </View>
      {!s.tracing && (
        <Card tone="alert">
          <Paragraph>{t('gatekeeper.needTracing')}</Paragraph>
          <Button testID="gate-tracing-on" label={t('home.turnOn')} onPress={() => void model.setTracing(true)} />
        </Card>
      )}
      {scanner !== undefined && (
        <Button
          testID="gate-scan"
          label={t('gatekeeper.scan')}
          disabled={gk.checking || !s.tracing}
          onPress={fromScanner((qr) => model.gatekeeper.check(qr))}
        />
      )}
      <TextField testID="gate-pass-input" label={t('gatekeeper.manual')} value={text} onChangeText={setText} />
      <Button
        testID="gate-check"
        variant="secondary"
        label={t('gatekeeper.check')}
        disabled={gk.checking || !s.tracing || text.trim() === ''}
        onPress={() => run(() => model.gatekeeper.check(text))}
      />
      {gk.checking && (
        <View style={styles.listening} accessibilityRole="progressbar" accessibilityLabel={t('gatekeeper.listening')}>
          <ActivityIndicator color={COLORS.primary} />
          <Text style={styles.listeningText}>{t('gatekeeper.listening')}</Text>
        </View>
      )}
      {verdict !== null && (
        <Card tone={verdict.ok ? 'safe' : 'alert'}>
          <Text
            accessibilityRole="summary"
            style={[styles.verdict, { color: verdict.ok ? COLORS.safe : COLORS.alert }]}
            testID="gate-result"
          >
            {verdict.title}
          </Text>
          <Paragraph>{verdict.detail}</Paragraph>
        </Card>
      )}
      <Text style={styles.noAppTitle}>{t('gatekeeper.noAppTitle')}</Text>
      <View style={styles.reasons}>
        {NO_APP_REASONS.map((key) => (
          <Button
            key={key}
            testID={`gate-no-app-${key.split('.').pop()}`}
            variant="secondary"
            label={t(key)}
            disabled={gk.checking}
            onPress={() => run(() => model.gatekeeper.recordNoApp(t(key)))}
          />
        ))}
      </View>
      <ErrorText error={error} />
      <Paragraph muted>{t('gatekeeper.privacy')}</Paragraph>
      <Button
        testID="gate-unpair"
        variant="secondary"
        label={t('gatekeeper.unpair')}
        onPress={() => run(() => model.gatekeeper.unpair())}
      />
    </Screen>
  );
}

const styles = StyleSheet.create({
  checkpoint: { fontSize: 17, fontWeight: '700', color: COLORS.text, marginBottom: 6 },
  directions: { flexDirection: 'row', gap: 8 },
  listening: { flexDirection: 'row', alignItems: 'center', gap: 8, marginVertical: 8 },
  listeningText: { fontSize: 15, color: COLORS.text },
  verdict: { fontSize: 24, fontWeight: '700', textAlign: 'center', marginBottom: 6 },
  noAppTitle: { fontSize: 15, fontWeight: '600', color: COLORS.text, marginTop: 8 },
  reasons: { flexDirection: 'row', flexWrap: 'wrap', gap: 8 },
});
