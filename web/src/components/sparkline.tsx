/** Posts per day as a tiny SVG bar chart (no library, no inline style). */
export function Sparkline({ values, label }: { values: number[]; label: string }) {
  const max = Math.max(1, ...values);
  const w = 4;
  const gap = 1;
  const h = 24;
  return (
    <svg
      className="sparkline"
      viewBox={`0 0 ${values.length * (w + gap)} ${h}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
    >
      <title>{label}</title>
      {values.map((v, i) => {
        const bh = v === 0 ? 1 : Math.max(2, (v / max) * h);
        const x = i * (w + gap);
        return <rect key={x} x={x} y={h - bh} width={w} height={bh} className={v === 0 ? 'zero' : undefined} />;
      })}
    </svg>
  );
}
