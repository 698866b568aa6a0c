/**
 * Safe, or the exposure as the Corona-Warn-App and the NHS COVID-19 app tell it: the risk level,
 * days since the last exposure and how many days had one, each day worded by how sure the SDK's
 * estimate is, what to do and until when (dated from the last exposure day, in the health
 * authority's words where it gave them: its served configuration's advice, else the build's), and
 * the home unit's health station with a call button.
 */
import { Linking, StyleSheet, Text, View } from 'react-native';
import { useAppModel, useAppState } from '../components/app-context';
import { Button } from '../components/button';
import { Card, Paragraph, Screen } from '../components/screen';
import { type Translate, useI18n } from '../i18n/i18n';
import { type Exposure, type ExposureSummary, exposureSummary, roundMinutes } from '../model/exposure-summary';
import { COLORS } from '../theme';

/** A long local date: "Thứ Hai, 23 tháng 11" / "Monday 23 November". */
const LONG_DAY: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long' };

export function ExposureScreen() {
  const model = useAppModel();
  const s = useAppState();
  const { t, formatDay, language } = useI18n();
  const summary = exposureSummary(s.exposures, model.services.clock.now(), model.services.exposureAdvice);
  const tone = summary === null ? COLORS.safe : summary.level === 'high' ? COLORS.alert : COLORS.warn;
  // The served document's advice first (the authority can change it without an app update), then the build's.
  const authorityText =
    summary && (s.advice?.[language] ?? model.services.exposureAdvice?.text?.[language]?.[summary.level]);
  return (
    <Screen title={t('exposure.title')} testID="screen-exposure">
      <Card tone={summary === null ? 'safe' : 'alert'}>
        <Text style={[styles.verdict, { color: tone }]} testID="exposure-verdict">
          {summary === null ? t('exposure.safe') : t(`exposure.level.title.${summary.level}`)}
        </Text>
        {summary === null ? (
          <Paragraph>{t('exposure.safe.detail')}</Paragraph>
        ) : (
          <>
            <View style={styles.stats}>
              <Stat
                testID="exposure-days-since"
                value={summary.daysSince}
                label={t(summary.daysSince === 1 ? 'exposure.stat.daysSince.one' : 'exposure.stat.daysSince')}
              />
              <Stat
                testID="exposure-days"
                value={summary.exposureDays}
                label={t(summary.exposureDays === 1 ? 'exposure.stat.days.one' : 'exposure.stat.days')}
              />
            </View>
            <Paragraph>{t('exposure.lastDay', { day: formatDay(summary.lastDay, LONG_DAY) })}</Paragraph>
          </>
        )}
        {s.exposures.map((e) => (
          <View key={e.day} style={styles.dayRow}>
            <Text style={styles.day} testID="exposure-day">
              {t('exposure.day', { day: formatDay(e.day), level: t(`exposure.level.${e.level}`) })}
            </Text>
            {e.estimate !== undefined && (
              <Text style={styles.estimate} testID="exposure-estimate">
                {estimateText(t, e)}
              </Text>
            )}
          </View>
        ))}
      </Card>
      {summary !== null && (
        <Card>
          <Text style={styles.heading}>{t('exposure.todo')}</Text>
          {authorityText ? (
            <Text style={styles.todo} testID="exposure-todo">
              {authorityText}
            </Text>
          ) : (
            todoSteps(t, summary, (day) => formatDay(day, LONG_DAY)).map((step, i) => (
              <Text key={step} style={styles.todo} testID="exposure-todo">{`${i + 1}. ${step}`}</Text>
            ))
          )}
        </Card>
      )}
      <StationCard />
    </Screen>
  );
}

function Stat({ value, label, testID }: { value: number; label: string; testID: string }) {
  const { formatNumber } = useI18n();
  return (
    <View style={styles.stat} testID={testID} accessible accessibilityLabel={`${formatNumber(value)} ${label}`}>
      <Text style={styles.statValue}>{formatNumber(value)}</Text>
      <Text style={styles.statLabel}>{label}</Text>
    </View>
  );
}

/** The day as sure as the estimate is: "probably close for about 25 minutes" or "possibly close; weak signal". */
function estimateText(t: Translate, e: Exposure): string {
  const x = e.estimate;
  if (x === undefined) return '';
  if (x.confidence === 'likely') return t('exposure.estimate.likely', { minutes: roundMinutes(x.closeMinutes) });
  return t('exposure.estimate.possible', {
    low: Math.round(x.lowCloseMinutes),
    high: Math.max(1, Math.round(x.highCloseMinutes)),
  });
}

function todoSteps(t: Translate, s: ExposureSummary, day: (d: string) => string): string[] {
  if (s.level === 'low') return [t('exposure.todo.low'), t('exposure.todo.watch', { until: day(s.untilDay) })];
  return [
    t(s.over ? 'exposure.todo.stayHomeOver' : 'exposure.todo.stayHome', { until: day(s.untilDay) }),
    s.testNow ? t('exposure.todo.testNow') : t('exposure.todo.test', { day: day(s.testDay) }),
    t('exposure.todo.watch', { until: day(s.untilDay) }),
  ];
}

/** The home unit's health station when the server named one with a phone, else the district's contact. */
function StationCard() {
  const model = useAppModel();
  const s = useAppState();
  const { t } = useI18n();
  const own = s.home?.healthStation ?? null;
  const call = own?.phone ? { name: own.name, phone: localPhone(own.phone) } : model.services.healthStation;
  return (
    <Card>
      <Paragraph>
        {own?.phone ? t('exposure.station', { name: own.name }) : t('exposure.contact', { name: call.name })}
      </Paragraph>
      {own !== null && !own.phone && <Paragraph muted>{t('exposure.stationNoPhone', { name: own.name })}</Paragraph>}
      <Button
        testID="call-station"
        variant="secondary"
        label={t('exposure.call', { phone: call.phone })}
        onPress={() => void Linking.openURL(`tel:${call.phone.replace(/[^\d+]/g, '')}`).catch(() => {})}
      />
    </Card>
  );
}

/** A number as dialled inside Vietnam: the district stores E.164 (+84…), people know 0…. */
function localPhone(phone: string): string {
  return phone.startsWith('+84') ? `0${phone.slice(3)}` : phone;
}

const styles = StyleSheet.create({
  verdict: { fontSize: 22, fontWeight: '700', marginBottom: 6 },
  stats: { flexDirection: 'row', marginVertical: 6 },
  stat: { flex: 1, paddingRight: 8 },
  statValue: { fontSize: 32, fontWeight: '700', color: COLORS.text },
  statLabel: { fontSize: 14, color: COLORS.muted },
  dayRow: { marginVertical: 4 },
  day: { fontSize: 16, fontWeight: '600', color: COLORS.text },
  estimate: { fontSize: 15, lineHeight: 21, color: COLORS.text },
  todo: { fontSize: 15, lineHeight: 21, color: COLORS.text, marginBottom: 6 },
  heading: { fontSize: 16, fontWeight: '700', marginBottom: 6, color: COLORS.text },
});
