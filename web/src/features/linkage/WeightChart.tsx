import type { Explanation } from './types';

/** A diverging bar chart: what each comparison added to or took from the match weight. */
export function WeightChart({ explanation, title }: { explanation: Explanation; title: string }) {
  const rows = explanation.terms;
  const max = Math.max(1, ...rows.map((r) => Math.abs(r.weight)));
  const width = 520;
  const labelW = 170;
  const half = (width - labelW) / 2;
  const rowH = 22;
  const height = rows.length * rowH + 8;
  return (
    <svg
      role="img"
      aria-label={title}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      className="weight-chart"
    >
      <line x1={labelW + half} x2={labelW + half} y1={0} y2={height} stroke="#8a99a4" />
      {rows.map((r, i) => {
        const w = (Math.abs(r.weight) / max) * (half - 40);
        const x = r.weight >= 0 ? labelW + half : labelW + half - w;
        const y = 4 + i * rowH;
        return (
          <g key={`${r.field}-${i}`}>
            <text x={labelW - 6} y={y + 14} textAnchor="end" fontSize="12" fill="#1b2730">
              {r.label}
            </text>
            <rect
              x={x}
              y={y + 3}
              width={Math.max(w, 1)}
              height={rowH - 8}
              fill={r.weight >= 0 ? '#1e6b3a' : '#a4161a'}
            />
            <text
              x={r.weight >= 0 ? x + w + 4 : x - 4}
              y={y + 14}
              textAnchor={r.weight >= 0 ? 'start' : 'end'}
              fontSize="11"
              fill="#4d5b66"
            >
              {r.weight >= 0 ? '+' : ''}
              {r.weight.toFixed(1)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
