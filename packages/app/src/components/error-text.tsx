/** An error shown under a form, in the app's language, chosen by the error's code. */
import { ClientError } from '@bluezone/client';
import { StyleSheet, Text } from 'react-native';
import { type Translate, useI18n } from '../i18n/i18n';
import { AppError } from '../model/app-error';
import { COLORS } from '../theme';

export function errorMessage(t: Translate, err: unknown): string {
  if (err instanceof AppError) return t(`error.${err.code}`, { detail: err.message });
  if (err instanceof ClientError) {
    if (err.code === 'network') return t('error.network');
    if (err.code === 'no_keys') return t('error.no_keys');
    if (err.code === 'invalid_argument') return t('error.invalid_code');
    return t('error.rejected', { detail: err.message });
  }
  return t('error.rejected', { detail: err instanceof Error ? err.message : String(err) });
}

export function ErrorText({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (error === undefined || error === null) return null;
  return (
    <Text accessibilityRole="alert" style={styles.error} testID="error">
      {errorMessage(t, error)}
    </Text>
  );
}

const styles = StyleSheet.create({ error: { color: COLORS.alert, fontSize: 15, marginVertical: 6 } });
