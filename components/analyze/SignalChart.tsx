import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartSeries } from '@/utils/report/chart-series';

/** Mouth opening (left axis) against the speech level (right axis) over time. */
export function SignalChart({ series }: { series: ChartSeries }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const plot = new uPlot(
      {
        width: element.clientWidth,
        height: 220,
        legend: { show: false },
        scales: { x: { time: false }, db: { range: [-70, 0] } },
        axes: [
          { label: 'seconds' },
          { label: 'mouth opening', scale: 'y', stroke: '#2355d8' },
          { label: 'speech dBFS', scale: 'db', side: 1, grid: { show: false }, stroke: '#b3261e' },
        ],
        series: [
          {},
          { label: 'Mouth opening', stroke: '#2355d8', width: 1.5, scale: 'y', spanGaps: false },
          { label: 'Speech level', stroke: 'rgba(179, 38, 30, 0.7)', width: 1, scale: 'db' },
        ],
      },
      [series.times, series.mouth, series.speechDb],
      element,
    );
    // Follow the card's width so the chart never overflows the page or the side panel.
    const resize = new ResizeObserver(() => plot.setSize({ width: element.clientWidth, height: 220 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [series]);
  return (
    <figure className="chart-figure">
      <div ref={host} className="chart" data-testid="signal-chart" />
      <figcaption className="small muted">
        <span className="swatch mouth" /> Mouth opening (left axis) <span className="swatch speech" /> Speech level,
        dBFS (right axis). When the voice comes from this face, speech rises as the mouth opens.
      </figcaption>
    </figure>
  );
}
