/** A scrollable screen with its title; every screen has a testID so tests and screenshots find it. */
import type { ReactNode } from 'react';
import { ScrollView, StyleSheet, Text, View } from 'react-native';
import { COLORS, SPACE } from '../theme';

export function Screen({ title, testID, children }: { title: string; testID: string; children: ReactNode }) {
  return (
    <ScrollView style={styles.scroll} contentContainerStyle={styles.content} testID={testID}>
      <Text accessibilityRole="header" style={styles.title}>
        {title}
      </Text>
      {children}
    </ScrollView>
  );
}

export function Card({ children, tone }: { children: ReactNode; tone?: 'safe' | 'alert' }) {
  return <View style={[styles.card, tone && { borderLeftWidth: 6, borderLeftColor: COLORS[tone] }]}>{children}</View>;
}

export function Paragraph({ children, muted }: { children: ReactNode; muted?: boolean }) {
  return <Text style={[styles.paragraph, muted && { color: COLORS.muted }]}>{children}</Text>;
}

const styles = StyleSheet.create({
  scroll: { flex: 1, backgroundColor: COLORS.background },
  content: { padding: SPACE * 1.5, paddingBottom: SPACE * 4 },
  title: { fontSize: 22, fontWeight: '700', color: COLORS.text, marginBottom: SPACE },
  card: { backgroundColor: COLORS.card, borderRadius: 12, padding: SPACE, marginBottom: SPACE },
  paragraph: { fontSize: 15, lineHeight: 21, color: COLORS.text, marginBottom: 6 },
});
