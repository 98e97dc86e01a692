import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { SESSION_SIGNAL_STEP_S, type SignalPoint } from '@/utils/sessions/session';

/** Lip-sync offset (left axis) and the share of time the face was found (right axis) over the call. */
export function SessionSignalsChart({ points, width = 680 }: { points: readonly SignalPoint[]; width?: number }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    // Minutes for calls, seconds for short clips and drills.
    const inMinutes = (points.at(-1)?.atS ?? 0) > 180;
    const times = points.map((point) => (inMinutes ? point.atS / 60 : point.atS));
    const offsets = points.map((point) => point.offsetMs);
    const faces = points.map((point) => Math.round(point.faceShare * 100));
    const plot = new uPlot(
      {
        width: Math.min(width, element.clientWidth || width),
        height: 200,
        legend: { show: false },
        // The offset axis always shows 0 (in sync), so a steady offset does not look like a wobble.
        scales: {
          x: { time: false },
          ms: {
            range: (_plot, min, max) =>
              min === null || max === null ? [-100, 100] : [Math.min(0, min) - 50, Math.max(0, max) + 50],
          },
          pct: { range: [0, 100] },
        },
        axes: [
          { label: inMinutes ? 'minutes' : 'seconds' },
          { label: 'lip-sync offset, ms', scale: 'ms', stroke: '#2355d8' },
          { label: 'face found, %', scale: 'pct', side: 1, grid: { show: false }, stroke: '#1a7f4b' },
        ],
        series: [
          {},
          {
            label: 'Offset',
            stroke: '#2355d8',
            width: 0,
            scale: 'ms',
            points: { show: true, size: 5, fill: '#2355d8' },
          },
          { label: 'Face found', stroke: '#1a7f4b', width: 1.5, scale: 'pct' },
        ],
      },
      [times, offsets, faces],
      element,
    );
    return () => plot.destroy();
  }, [points, width]);
  return (
    <figure className="chart-figure">
      <div ref={host} className="chart" data-testid="session-chart" />
      <figcaption className="small muted">
        <span className="swatch mouth" /> Lip-sync offset where measured (left axis; positive: the sound comes after the
        lips)
        <span className="swatch face" /> Share of the time the candidate's face was found (right axis).{' '}
        {`One point every ${SESSION_SIGNAL_STEP_S} s.`}
      </figcaption>
    </figure>
  );
}
