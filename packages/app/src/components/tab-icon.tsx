/**
 * The tab bar's icons, drawn with Views (no icon font to load on a 3G connection, and the same
 * picture on phones and in react-native-web): a house, a warning sign, bars, a QR pass and
 * sliders. Hidden from screen readers: the tab's label names it.
 */
import type { ReactNode } from 'react';
import { StyleSheet, View } from 'react-native';
import type { Route } from '../model/app-model';

const S = 24;

export function TabIcon({ route, color }: { route: Route; color: string }) {
  return (
    <View
      style={styles.box}
      testID={`tab-icon-${route}`}
      aria-hidden
      accessibilityElementsHidden
      importantForAccessibility="no-hide-descendants"
    >
      {ICONS[route]?.(color) ?? null}
    </View>
  );
}

const ICONS: Partial<Record<Route, (c: string) => ReactNode>> = {
  home: (c) => (
    <View style={styles.center}>
      <View style={[styles.roof, { borderBottomColor: c }]} />
      <View style={[styles.house, { backgroundColor: c }]}>
        <View style={styles.door} />
      </View>
    </View>
  ),
  exposure: (c) => (
    <View style={[styles.ring, { borderColor: c }]}>
      <View style={[styles.bang, { backgroundColor: c }]} />
      <View style={[styles.dot, { backgroundColor: c }]} />
    </View>
  ),
  history: (c) => (
    <View style={styles.bars}>
      {[10, 18, 13, 22].map((h) => (
        <View key={h} style={[styles.barIcon, { height: h, backgroundColor: c }]} />
      ))}
    </View>
  ),
  checkpoint: (c) => (
    <View style={[styles.pass, { borderColor: c }]}>
      {[0, 1, 2, 3].map((i) => (
        <View key={i} style={[styles.cell, { backgroundColor: i === 3 ? 'transparent' : c }]} />
      ))}
    </View>
  ),
  settings: (c) => (
    <View style={styles.sliders}>
      {[6, 14, 9].map((x) => (
        <View key={x} style={[styles.track, { backgroundColor: c }]}>
          <View style={[styles.knob, { left: x, borderColor: c }]} />
        </View>
      ))}
    </View>
  ),
};

const styles = StyleSheet.create({
  box: { width: S, height: S, alignItems: 'center', justifyContent: 'center', marginBottom: 2 },
  center: { alignItems: 'center' },
  roof: {
    width: 0,
    height: 0,
    borderLeftWidth: 11,
    borderRightWidth: 11,
    borderBottomWidth: 9,
    borderLeftColor: 'transparent',
    borderRightColor: 'transparent',
  },
  house: { width: 16, height: 11, alignItems: 'center', justifyContent: 'flex-end' },
  door: { width: 5, height: 7, backgroundColor: '#fff' },
  ring: { width: 22, height: 22, borderRadius: 11, borderWidth: 2, alignItems: 'center', paddingTop: 3 },
  bang: { width: 3, height: 9, borderRadius: 1.5 },
  dot: { width: 3, height: 3, borderRadius: 1.5, marginTop: 2 },
  bars: { flexDirection: 'row', alignItems: 'flex-end', height: 22 },
  barIcon: { width: 4, marginHorizontal: 1, borderRadius: 1 },
  pass: { width: 20, height: 20, borderWidth: 2, borderRadius: 3, flexDirection: 'row', flexWrap: 'wrap', padding: 2 },
  cell: { width: 6, height: 6 },
  sliders: { width: 22, height: 20, justifyContent: 'space-between', paddingVertical: 2 },
  track: { height: 2, borderRadius: 1 },
  knob: {
    position: 'absolute',
    top: -3,
    width: 8,
    height: 8,
    borderRadius: 4,
    borderWidth: 2,
    backgroundColor: '#fff',
  },
});
