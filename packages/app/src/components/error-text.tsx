/** An error shown under a form, in the app's language, chosen by the error's code. */
import { ClientError } from '@bluezone/client';
import { type ProblemText, problemText } from '@bluezone/ui-shared';
import { StyleSheet, Text } from 'react-native';
import { type Translate, useI18n } from '../i18n/i18n';
import { AppError } from '../model/app-error';
import { COLORS } from '../theme';

export function errorMessage(t: Translate, err: unknown): string {
  if (err instanceof AppError) {
    if (err.problem) return spoken(problemText(t, err.problem));
    return t(`error.${err.code}`, { detail: err.message });
  }
  if (err instanceof ClientError) {
    if (err.code === 'network') return t('error.network');
    if (err.code === 'no_keys') return t('error.no_keys');
    if (err.code === 'invalid_argument') return t('error.invalid_code');
    // A server's refusal: its problem code in the user's words (or the generic message).
    if (err.status !== undefined) return spoken(problemText(t, { status: err.status, code: err.problemCode }));
  }
  return t('problem.unknown', { status: '—' });
}

/** A problem as one paragraph: the message, its bad entries, the request id. */
function spoken(p: ProblemText): string {
  return [p.message, ...p.entries, ...(p.reference ? [p.reference] : [])].join('\n');
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
