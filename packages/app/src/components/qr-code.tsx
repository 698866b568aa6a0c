/**
 * A QR code drawn with Views from the `qrcode` package's module matrix (ISO/IEC 18004), so the
 * same component renders on phones and in browsers without a canvas or SVG library. Dark
 * modules of a row are merged into runs to keep the view count low.
 */
import QRCode from 'qrcode';
import { useMemo } from 'react';
import { StyleSheet, View } from 'react-native';

/** Quiet zone of 4 modules (ISO/IEC 18004 §7.3.7). */
const QUIET = 4;

export function QrCode({
  value,
  size = 240,
  testID,
  label,
}: {
  value: string;
  size?: number;
  testID?: string;
  /** What screen readers say; default the QR's text (for a short link). */
  label?: string;
}) {
  const runs = useMemo(() => {
    const { modules } = QRCode.create(value, { errorCorrectionLevel: 'M' });
    const n = modules.size;
    const out: { row: number; col: number; len: number }[] = [];
    for (let r = 0; r < n; r++) {
      let c = 0;
      while (c < n) {
        if (!modules.get(r, c)) {
          c++;
          continue;
        }
        const start = c;
        while (c < n && modules.get(r, c)) c++;
        out.push({ row: r, col: start, len: c - start });
      }
    }
    return { n, out };
  }, [value]);
  const cell = Math.floor(size / (runs.n + 2 * QUIET));
  const side = cell * (runs.n + 2 * QUIET);
  return (
    <View
      // One element for screen readers (VoiceOver skips labels of non-accessible Views).
      accessible
      accessibilityRole="image"
      accessibilityLabel={label ?? value}
      style={[styles.box, { width: side, height: side }]}
      {...(testID === undefined ? {} : { testID })}
    >
      {runs.out.map((m) => (
        <View
          key={`${m.row}:${m.col}`}
          style={[
            styles.dark,
            { top: (m.row + QUIET) * cell, left: (m.col + QUIET) * cell, width: m.len * cell, height: cell },
          ]}
        />
      ))}
    </View>
  );
}

const styles = StyleSheet.create({
  box: { backgroundColor: '#fff', position: 'relative', alignSelf: 'center' },
  dark: { position: 'absolute', backgroundColor: '#000' },
});
