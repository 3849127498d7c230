import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Point } from '../api/operations';

interface Props {
  readonly points: readonly Point[];
  readonly timezone: string;
  readonly showBots: boolean;
}

const COLORS = { clicks: '#1d4ed8', users: '#b45309', bots: '#6b7280' };

/**
 * Clicks and unique users over time, drawn by uPlot on a canvas (thousands of points stay
 * smooth), with the axis in the series' own time zone. Screen readers get the data table
 * beside it instead (see AdDetail).
 */
export function SeriesChart({ points, timezone, showBots }: Props) {
  const holder = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  // A new plot when the shape changes (time zone, bot series on or off), new data otherwise.
  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    const series: uPlot.Series[] = [
      {},
      { label: 'Clicks', stroke: COLORS.clicks, fill: 'rgba(29, 78, 216, 0.08)', width: 2 },
      { label: 'Unique users', stroke: COLORS.users, width: 2, dash: [6, 3] },
    ];
    if (showBots) series.push({ label: 'Bot clicks', stroke: COLORS.bots, width: 1 });
    const options: uPlot.Options = {
      width: element.clientWidth || 800,
      height: 320,
      series,
      scales: { y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
      axes: [{}, { label: 'per bucket', size: 60 }],
      tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), timezone),
      legend: { live: true },
    };
    plot.current = new uPlot(options, [[], [], [], ...(showBots ? [[]] : [])], element);
    const resize = new ResizeObserver(() =>
      plot.current?.setSize({ width: element.clientWidth, height: 320 }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [timezone, showBots]);

  useEffect(() => {
    const x = points.map((p) => Date.parse(p.start) / 1000);
    const data: uPlot.AlignedData = [
      x,
      points.map((p) => p.clicks),
      points.map((p) => p.uniqueUsers),
      ...(showBots ? [points.map((p) => p.botClicks)] : []),
    ];
    plot.current?.setData(data);
  }, [points, timezone, showBots]);

  return <div class="chart" ref={holder} aria-hidden="true" />;
}
