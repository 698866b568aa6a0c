/** A labelled single-line text input with a large touch target (codes, links). */
import { StyleSheet, Text, TextInput, type TextStyle } from 'react-native';
import { COLORS } from '../theme';

export interface TextFieldProps {
  label: string;
  value: string;
  onChangeText: (value: string) => void;
  testID: string;
  autoCapitalize?: 'none' | 'characters';
  /** Extra input style, e.g. wide letter spacing for codes. */
  inputStyle?: TextStyle;
}

export function TextField({ label, value, onChangeText, testID, autoCapitalize = 'none', inputStyle }: TextFieldProps) {
  return (
    <>
      <Text style={styles.label}>{label}</Text>
      <TextInput
        testID={testID}
        accessibilityLabel={label}
        value={value}
        onChangeText={onChangeText}
        autoCapitalize={autoCapitalize}
        autoCorrect={false}
        style={[styles.input, inputStyle]}
      />
    </>
  );
}

export const fieldStyles = StyleSheet.create({
  label: { fontSize: 15, fontWeight: '600', color: COLORS.text, marginTop: 8, marginBottom: 4 },
});

const styles = StyleSheet.create({
  label: fieldStyles.label,
  input: {
    borderWidth: 1,
    borderColor: COLORS.border,
    borderRadius: 8,
    backgroundColor: '#fff',
    paddingHorizontal: 12,
    minHeight: 48,
    fontSize: 16,
  },
});
