/**
 * The Home radar, like the original Bluezone's: one dot per phone heard in the last minutes,
 * nearer the centre the stronger its signal. Positions are spread by index, not direction
 * (Bluetooth gives no bearing), so the picture shows "how many, how close", nothing else.
 */
import { StyleSheet, Text, View } from 'react-native';
import { useI18n } from '../i18n/i18n';
import { COLORS } from '../theme';

const SIZE = 200;
/** RSSI mapped to radius: −45 dBm at the centre, −95 dBm at the edge. */
const radiusOf = (rssi: number) => Math.min(1, Math.max(0.15, (-45 - rssi) / 50)) * (SIZE / 2 - 10);

export function Radar({ rssi }: { rssi: readonly number[] }) {
  const { t } = useI18n();
  return (
    <View
      style={styles.box}
      accessible
      accessibilityRole="image"
      accessibilityLabel={t('radar.label', { count: rssi.length })}
      testID="radar"
    >
      {[1, 0.66, 0.33].map((f) => (
        <View
          key={f}
          style={[
            styles.ring,
            {
              width: SIZE * f,
              height: SIZE * f,
              borderRadius: (SIZE * f) / 2,
              top: (SIZE * (1 - f)) / 2,
              left: (SIZE * (1 - f)) / 2,
            },
          ]}
        />
      ))}
      <View style={[styles.dot, styles.me]} />
      {rssi.map((r, i) => {
        const angle = (i * 2.399963) % (2 * Math.PI); // golden angle: evenly spread, stable
        const d = radiusOf(r);
        return (
          <View
            // biome-ignore lint/suspicious/noArrayIndexKey: dots are anonymous by design (no RPI reaches the UI)
            key={`${i}:${r}`}
            testID="radar-dot"
            style={[styles.dot, { left: SIZE / 2 - 6 + d * Math.cos(angle), top: SIZE / 2 - 6 + d * Math.sin(angle) }]}
          />
        );
      })}
      <Text style={styles.count}>{rssi.length}</Text>
    </View>
  );
}

const styles = StyleSheet.create({
  box: { width: SIZE, height: SIZE, alignSelf: 'center', marginVertical: 12 },
  ring: { position: 'absolute', borderWidth: 1, borderColor: COLORS.primary, backgroundColor: 'rgba(10,91,211,0.06)' },
  dot: { position: 'absolute', width: 12, height: 12, borderRadius: 6, backgroundColor: COLORS.primary },
  me: { left: SIZE / 2 - 6, top: SIZE / 2 - 6, backgroundColor: COLORS.safe },
  count: { position: 'absolute', right: 0, bottom: 0, fontSize: 28, fontWeight: '700', color: COLORS.primary },
});
