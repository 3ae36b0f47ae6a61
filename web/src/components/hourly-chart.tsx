import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import { categoryOf } from '../categories.ts';
import { useI18n } from '../i18n.tsx';

/** Messages per hour, one line per category (and "all"), with uPlot. */
export function HourlyChart({ hours, series }: { hours: string[]; series: Record<string, number[]> }) {
  const el = useRef<HTMLDivElement>(null);
  const { lang } = useI18n();
  useEffect(() => {
    const box = el.current;
    if (!box || hours.length === 0) return;
    const keys = Object.keys(series).sort((a, b) => (a === 'all' ? -1 : b === 'all' ? 1 : a.localeCompare(b)));
    const data: uPlot.AlignedData = [hours.map((h) => Date.parse(h) / 1000), ...keys.map((k) => series[k])];
    const opts: uPlot.Options = {
      width: box.clientWidth || 600,
      height: 260,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      scales: { x: { time: true } },
      axes: [{ stroke: '#555' }, { stroke: '#555' }],
      legend: { show: true, live: false },
      series: [
        {},
        ...keys.map((k) => {
          const c = categoryOf(k);
          return {
            label: k === 'all' ? (lang === 'ar' ? 'الكل' : 'All') : c ? c[lang] : k,
            stroke: k === 'all' ? '#1d2a3a' : (c?.color ?? '#888'),
            width: k === 'all' ? 2 : 1.5,
          };
        }),
      ],
    };
    const plot = new uPlot(opts, data, box);
    const ro = new ResizeObserver(() => plot.setSize({ width: box.clientWidth, height: 260 }));
    ro.observe(box);
    return () => {
      ro.disconnect();
      plot.destroy();
    };
  }, [hours, series, lang]);
  return <div ref={el} className="chart" dir="ltr" />;
}
