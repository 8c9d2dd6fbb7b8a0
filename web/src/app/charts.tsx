/**
 * Small SVG charts for numbers people compare. Each is an image with a text alternative and is
 * always shown next to a table of the same numbers. Drawn with attributes only (no inline styles),
 * so the strict Content-Security-Policy holds.
 */
export interface Bar {
  label: string;
  value: number | null;
  /** What to print when the value is hidden (e.g. "fewer than 3"). */
  display?: string;
}

const INK = '#1b2730';
const MUTED = '#4d5b66';
const BRAND = '#1f4e5f';

export function BarChart({
  bars,
  title,
  width = 560,
  format = (n: number) => n.toLocaleString(),
}: {
  bars: Bar[];
  title: string;
  width?: number;
  format?: (n: number) => string;
}) {
  const labelW = Math.min(240, Math.max(90, ...bars.map((b) => b.label.length * 7.5 + 14)));
  const max = Math.max(1, ...bars.map((b) => b.value ?? 0));
  const rowH = 24;
  const plot = width - labelW - 90;
  const height = bars.length * rowH + 6;
  return (
    <svg role="img" aria-label={title} viewBox={`0 0 ${width} ${height}`} width="100%" className="chart">
      {bars.map((b, i) => {
        const y = 3 + i * rowH;
        const w = b.value === null ? 0 : Math.max(1, (b.value / max) * plot);
        return (
          <g key={`${b.label}-${i}`}>
            <text x={labelW - 8} y={y + 15} textAnchor="end" fontSize="12" fill={INK}>
              {b.label}
            </text>
            <rect
              x={labelW}
              y={y + 4}
              width={w}
              height={rowH - 9}
              fill={b.value === null ? '#d5dde2' : BRAND}
              rx="2"
            />
            <text x={labelW + w + 6} y={y + 15} fontSize="12" fill={MUTED}>
              {b.value === null ? (b.display ?? '—') : format(b.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export interface Series {
  name: string;
  points: Array<{ x: number; y: number | null }>;
}

const SERIES_COLOURS = ['#1f4e5f', '#b5651d', '#5b3f8c', '#2e7d32'];

export function LineChart({
  series,
  title,
  width = 560,
  height = 220,
}: {
  series: Series[];
  title: string;
  width?: number;
  height?: number;
}) {
  const xs = series.flatMap((s) => s.points.map((p) => p.x));
  const ys = series.flatMap((s) => s.points.map((p) => p.y ?? 0));
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  const maxY = Math.max(1, ...ys);
  const left = 48;
  const bottom = 24;
  const top = 10;
  const right = 10;
  const sx = (x: number) =>
    left + (maxX === minX ? 0 : ((x - minX) / (maxX - minX)) * (width - left - right));
  const sy = (y: number) => top + (1 - y / maxY) * (height - top - bottom);
  const ticks = [0, maxY / 2, maxY];
  return (
    <svg
      role="img"
      aria-label={title}
      viewBox={`0 0 ${width} ${height + 18 * series.length}`}
      width="100%"
      className="chart"
    >
      {ticks.map((t) => (
        <g key={t}>
          <line x1={left} x2={width - right} y1={sy(t)} y2={sy(t)} stroke="#e3e9ec" />
          <text x={left - 6} y={sy(t) + 4} textAnchor="end" fontSize="11" fill={MUTED}>
            {Math.round(t).toLocaleString()}
          </text>
        </g>
      ))}
      {[...new Set(xs)].map((x) => (
        <text key={x} x={sx(x)} y={height - 6} textAnchor="middle" fontSize="11" fill={MUTED}>
          {x}
        </text>
      ))}
      {series.map((s, i) => {
        const pts = s.points.filter((p) => p.y !== null);
        const colour = SERIES_COLOURS[i % SERIES_COLOURS.length];
        return (
          <g key={s.name}>
            <polyline
              fill="none"
              stroke={colour}
              strokeWidth="2"
              points={pts.map((p) => `${sx(p.x)},${sy(p.y ?? 0)}`).join(' ')}
            />
            {pts.map((p) => (
              <circle key={p.x} cx={sx(p.x)} cy={sy(p.y ?? 0)} r="3" fill={colour} />
            ))}
            <rect x={left} y={height + 6 + i * 18} width="12" height="4" fill={colour} />
            <text x={left + 18} y={height + 12 + i * 18} fontSize="12" fill={INK}>
              {s.name}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
