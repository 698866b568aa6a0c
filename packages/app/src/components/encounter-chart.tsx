/**
 * The last 14 days of encounters as a bar chart, drawn with Views so phones and react-native-web
 * render it alike: a bar per day (distinct Bluezone IDs met), its close part darker, a red mark
 * over the days with an exposure notification, and each day labelled by its date and narrow
 * weekday through Intl in the app's language. Sized for 360-px-wide phones: 14 columns of about
 * 21 px, labels at 11 px. Each column is one element for screen readers, named in words.
 */
import { StyleSheet, Text, View } from 'react-native';
import { useI18n } from '../i18n/i18n';
import { DAY_MS, type DayEncounters } from '../model/encounter-stats';
import { COLORS } from '../theme';

export const CHART_DAYS = 14;
const BAR_HEIGHT = 120;
/** Every encounter; the close part of a bar is COLORS.primaryDark on it. */
const ALL_COLOR = '#8fb3ec';

export interface EncounterChartProps {
  /** Days with encounters (any order); the other days of the window draw empty. */
  days: readonly DayEncounters[];
  /** `YYYY-MM-DD` days with an exposure notification. */
  exposureDays: ReadonlySet<string>;
  nowMs: number;
}

export function EncounterChart({ days, exposureDays, nowMs }: EncounterChartProps) {
  const { t, formatDay } = useI18n();
  const today = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const byDay = new Map(days.map((d) => [d.dayStartMs, d]));
  const window = Array.from({ length: CHART_DAYS }, (_, i) => {
    const dayStartMs = today - (CHART_DAYS - 1 - i) * DAY_MS;
    const day = new Date(dayStartMs).toISOString().slice(0, 10);
    const d = byDay.get(dayStartMs);
    return { day, encounters: d?.encounters ?? 0, close: d?.closeEncounters ?? 0, exposed: exposureDays.has(day) };
  });
  const max = Math.max(1, ...window.map((d) => d.encounters));
  const first = window[0]?.day ?? '';
  const last = window[window.length - 1]?.day ?? '';
  return (
    <View testID="history-chart">
      <Text style={styles.title}>{t('history.chart')}</Text>
      <Text style={styles.range}>
        {t('history.range', { from: formatDay(first, LONG), to: formatDay(last, LONG) })}
      </Text>
      <View style={styles.columns}>
        {window.map((d) => (
          <View
            key={d.day}
            style={styles.column}
            testID="history-day"
            accessible
            accessibilityLabel={t(d.exposed ? 'history.dayExposed' : 'history.day', {
              day: formatDay(d.day, LONG),
              encounters: d.encounters,
              close: d.close,
            })}
          >
            <View style={styles.plot}>
              {d.exposed && <View style={styles.exposure} testID="history-exposure-mark" />}
              <View style={[styles.bar, { height: (BAR_HEIGHT * d.encounters) / max }]}>
                <View style={[styles.close, { height: (BAR_HEIGHT * d.close) / max }]} />
              </View>
            </View>
            <Text style={styles.label}>{formatDay(d.day, { day: 'numeric' })}</Text>
            <Text style={[styles.label, styles.weekday]}>{formatDay(d.day, { weekday: 'narrow' })}</Text>
          </View>
        ))}
      </View>
      <View style={styles.legend}>
        <Legend color={ALL_COLOR} label={t('history.legend.all')} />
        <Legend color={COLORS.primaryDark} label={t('history.legend.close')} />
        <Legend color={COLORS.alert} label={t('history.legend.exposure')} round />
      </View>
    </View>
  );
}

const LONG: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long' };

function Legend({ color, label, round }: { color: string; label: string; round?: boolean }) {
  return (
    <View style={styles.legendItem}>
      <View style={[styles.swatch, { backgroundColor: color }, round && styles.round]} />
      <Text style={styles.legendLabel}>{label}</Text>
    </View>
  );
}

const styles = StyleSheet.create({
  title: { fontSize: 16, fontWeight: '700', color: COLORS.text },
  range: { fontSize: 13, color: COLORS.muted, marginBottom: 8 },
  columns: { flexDirection: 'row', alignItems: 'flex-end' },
  column: { flex: 1, alignItems: 'center' },
  plot: { height: BAR_HEIGHT + 14, justifyContent: 'flex-end', alignItems: 'center', alignSelf: 'stretch' },
  bar: {
    width: '70%',
    minHeight: 1,
    backgroundColor: ALL_COLOR,
    borderTopLeftRadius: 3,
    borderTopRightRadius: 3,
    justifyContent: 'flex-end',
    overflow: 'hidden',
  },
  close: { backgroundColor: COLORS.primaryDark },
  exposure: { width: 8, height: 8, borderRadius: 4, backgroundColor: COLORS.alert, marginBottom: 3 },
  label: { fontSize: 11, lineHeight: 14, color: COLORS.text, marginTop: 2 },
  weekday: { color: COLORS.muted, marginTop: 0 },
  legend: { flexDirection: 'row', flexWrap: 'wrap', marginTop: 10 },
  legendItem: { flexDirection: 'row', alignItems: 'center', marginRight: 14, marginBottom: 4 },
  swatch: { width: 12, height: 12, borderRadius: 2, marginRight: 5 },
  round: { borderRadius: 6 },
  legendLabel: { fontSize: 13, color: COLORS.text },
});
