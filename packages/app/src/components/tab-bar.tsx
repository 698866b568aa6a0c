/** The bottom tabs with icons and labels; Report and Join-unit open from Home and show a back link instead. */
import { Pressable, StyleSheet, Text, View } from 'react-native';
import { type MessageKey, useI18n } from '../i18n/i18n';
import type { Route } from '../model/app-model';
import { COLORS } from '../theme';
import { TabIcon } from './tab-icon';

const TABS: readonly { route: Route; label: MessageKey }[] = [
  { route: 'home', label: 'tab.home' },
  { route: 'exposure', label: 'tab.exposure' },
  { route: 'history', label: 'tab.history' },
  { route: 'checkpoint', label: 'tab.checkpoint' },
  { route: 'settings', label: 'tab.settings' },
];

export function TabBar({ route, onNavigate }: { route: Route; onNavigate: (r: Route) => void }) {
  const { t } = useI18n();
  return (
    <View style={styles.bar} accessibilityRole="tablist">
      {TABS.map((tab) => {
        const selected = tab.route === route;
        return (
          <Pressable
            key={tab.route}
            accessibilityRole="tab"
            // aria-selected, not accessibilityState: react-native-web writes only the former to the DOM.
            aria-selected={selected}
            testID={`tab-${tab.route}`}
            onPress={() => onNavigate(tab.route)}
            style={styles.tab}
          >
            <TabIcon route={tab.route} color={selected ? COLORS.primary : COLORS.muted} />
            <Text style={[styles.label, selected && styles.selected]}>{t(tab.label)}</Text>
          </Pressable>
        );
      })}
    </View>
  );
}

const styles = StyleSheet.create({
  bar: { flexDirection: 'row', borderTopWidth: 1, borderTopColor: COLORS.border, backgroundColor: COLORS.card },
  tab: { flex: 1, minHeight: 56, paddingVertical: 4, alignItems: 'center', justifyContent: 'center' },
  label: { fontSize: 12, color: COLORS.muted, textAlign: 'center' },
  selected: { color: COLORS.primary, fontWeight: '700' },
});
