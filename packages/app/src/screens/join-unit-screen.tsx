/**
 * Join my unit: scan the unit's QR (or type its code/link) to attest this install, then show
 * this install's own invite QR for relatives. Scanning goes through the platform's QR scanner
 * when one is injected (a camera on phones); typing works everywhere. When the QR names who
 * brought the install in but not where the person lives, the server asks for the home
 * (home_unit_required) and the screen shows the home picker, then attests again with it.
 */
import { useState } from 'react';
import { StyleSheet, Text } from 'react-native';
import { useAppModel, useAppState } from '../components/app-context';
import { Button } from '../components/button';
import { ErrorText } from '../components/error-text';
import { QrCode } from '../components/qr-code';
import { Card, Paragraph, Screen } from '../components/screen';
import { fieldStyles, TextField } from '../components/text-field';
import { useI18n } from '../i18n/i18n';
import { AppError } from '../model/app-error';
import { inviteLink } from '../model/unit-link';
import { COLORS } from '../theme';
import { HomePicker } from './home-picker';

export function JoinUnitScreen() {
  const model = useAppModel();
  const s = useAppState();
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  /** The QR whose attestation needs the home, while the picker is shown. */
  const [needsHome, setNeedsHome] = useState<string | null>(null);
  const scanner = model.services.scanQr;
  const join = (value: string, homeUnitCode?: string) => {
    setError(null);
    setBusy(true);
    model
      .joinUnit(value, homeUnitCode)
      .then(
        () => setNeedsHome(null),
        (err: unknown) => {
          if (err instanceof AppError && err.problem?.code === 'home_unit_required') setNeedsHome(value);
          else setError(err);
        },
      )
      .finally(() => setBusy(false));
  };
  return (
    <Screen title={t('unit.title')} testID="screen-unit">
      <Paragraph>{t('unit.intro')}</Paragraph>
      {scanner !== undefined && (
        <Button
          testID="unit-scan"
          label={t('unit.scan')}
          onPress={() => {
            setError(null);
            scanner().then(join, (err: unknown) => {
              // Closing the scanner is a choice, not an error.
              if (!(err instanceof AppError && err.code === 'scan_cancelled')) setError(err);
            });
          }}
        />
      )}
      <TextField testID="unit-input" label={t('unit.manual')} value={text} onChangeText={setText} />
      <Button
        testID="unit-join"
        label={t('unit.join')}
        disabled={busy || text.trim() === ''}
        onPress={() => join(text)}
      />
      <ErrorText error={error} />
      {needsHome !== null && <HomePicker disabled={busy} onPick={(code) => join(needsHome, code)} />}
      {s.unit !== null && (
        <Card tone="safe">
          <Text style={styles.joined} testID="unit-joined">
            {t('unit.joined', { unit: s.unit.unitCode })}
          </Text>
          <Text style={styles.label}>{t('unit.invite')}</Text>
          <QrCode
            testID="invite-qr"
            value={inviteLink(model.services.installBaseUrl, s.unit.referralCode)}
            size={220}
          />
          <Paragraph muted>{t('unit.inviteHint')}</Paragraph>
        </Card>
      )}
    </Screen>
  );
}

const styles = StyleSheet.create({
  label: fieldStyles.label,
  joined: { fontSize: 17, fontWeight: '700', color: COLORS.safe, marginBottom: 6 },
});
