/**
 * A daily trend as an inline-SVG line chart drawn at the box's width: one or more series over
 * the same days, an optional target line, y ticks in the caller's format and day labels through
 * Intl ("2/12" in Vietnamese), as many as fit without overlapping. Labels are 12 px at any width.
 */
import { DAY_MONTH } from '@bluezone/ui-shared';
import { useI18n } from '../i18n/i18n';
import { useElementWidth } from './use-element-width';

export interface TrendSeries {
  label: string;
  values: readonly number[];
  /** `installs` | `active`: the line's colour (and the legend's swatch). */
  className: string;
}

const LABEL_PX = 12;
const PAD = { right: 10, top: 10, bottom: 24 };

export function TrendChart({
  days,
  series,
  format,
  target,
  title,
  height = 200,
  legend = true,
}: {
  /** `YYYY-MM-DD` days, oldest first. */
  days: readonly string[];
  series: readonly TrendSeries[];
  format(value: number): string;
  /** A horizontal line (e.g. the target share), labelled in the legend. */
  target?: { value: number; label: string };
  title: string;
  height?: number;
  legend?: boolean;
}) {
  const { formatDay } = useI18n();
  const [box, width] = useElementWidth<HTMLDivElement>();
  const max = Math.max(1e-9, target?.value ?? 0, ...series.flatMap((s) => s.values)) * 1.08;
  const ticks = [0, max / 2, max / 1.08];
  const left = Math.max(...ticks.map((v) => format(v).length)) * LABEL_PX * 0.72 + 10;
  const x = (i: number) => left + (days.length <= 1 ? 0 : (i / (days.length - 1)) * (width - left - PAD.right));
  const y = (v: number) => height - PAD.bottom - (v / max) * (height - PAD.top - PAD.bottom);
  const path = (values: readonly number[]) =>
    values.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  // Day labels: as many as fit, ~5 characters of 12 px each with room between them.
  const fit = Math.max(2, Math.floor((width - left) / (LABEL_PX * 4.5)));
  const every = Math.max(1, Math.ceil(days.length / fit));
  return (
    <figure className="chart">
      <div ref={box}>
        <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
          {ticks.map((v) => (
            <g key={v}>
              <line x1={left} x2={width - PAD.right} y1={y(v)} y2={y(v)} className="chart-grid" />
              <text x={left - 6} y={y(v) + 4} textAnchor="end" className="chart-label">
                {format(v)}
              </text>
            </g>
          ))}
          {days.map((d, i) =>
            (days.length - 1 - i) % every === 0 ? (
              <text key={d} x={x(i)} y={height - 6} textAnchor="middle" className="chart-label">
                {formatDay(d, DAY_MONTH)}
              </text>
            ) : null,
          )}
          {target && (
            <line
              x1={left}
              x2={width - PAD.right}
              y1={y(target.value)}
              y2={y(target.value)}
              className="chart-target-line"
            />
          )}
          {series.map((s) => (
            <path key={s.label} d={path(s.values)} className={`chart-line ${s.className}`} />
          ))}
        </svg>
      </div>
      {legend && (
        <figcaption className="legend">
          <span className="legend-row">
            {series.map((s) => (
              <span key={s.label}>
                <span className={`swatch ${s.className}`} /> {s.label}
              </span>
            ))}
            {target && (
              <span>
                <span className="swatch target" /> {target.label}
              </span>
            )}
          </span>
        </figcaption>
      )}
    </figure>
  );
}
