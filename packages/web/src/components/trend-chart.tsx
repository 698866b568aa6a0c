/** Daily trend as an inline-SVG line chart: cumulative installs and installs active that day. */
import { useI18n } from '../i18n/i18n';

const W = 480;
const H = 200;
const PAD = { left: 44, right: 12, top: 12, bottom: 28 };

export function TrendChart({
  trend,
  title,
}: {
  trend: readonly { day: string; newInstalls: number; active: number }[];
  title: string;
}) {
  const { t, formatNumber } = useI18n();
  let sum = 0;
  const cumulative = trend.map((d) => (sum += d.newInstalls));
  const max = Math.max(1, ...cumulative, ...trend.map((d) => d.active));
  const x = (i: number) => PAD.left + (trend.length <= 1 ? 0 : (i / (trend.length - 1)) * (W - PAD.left - PAD.right));
  const y = (v: number) => H - PAD.bottom - (v / max) * (H - PAD.top - PAD.bottom);
  const path = (values: number[]) =>
    values.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const ticks = [0, 0.5, 1].map((f) => Math.round(max * f));
  const labelEvery = Math.max(1, Math.ceil(trend.length / 6));
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="trend-title">
        <title id="trend-title">{title}</title>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="chart-grid" />
            <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" className="chart-label">
              {formatNumber(v)}
            </text>
          </g>
        ))}
        {trend.map((d, i) =>
          i % labelEvery === 0 ? (
            <text key={d.day} x={x(i)} y={H - 8} textAnchor="middle" className="chart-label">
              {d.day.slice(5)}
            </text>
          ) : null,
        )}
        <path d={path(cumulative)} className="chart-line installs" />
        <path d={path(trend.map((d) => d.active))} className="chart-line active" />
      </svg>
      <figcaption className="legend">
        <span className="swatch installs" /> {t('chart.cumulativeInstalls')} <span className="swatch active" />{' '}
        {t('chart.activeThatDay')}
      </figcaption>
    </figure>
  );
}
