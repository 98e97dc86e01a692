import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartSeries } from '@/utils/report/chart-series';

/** A stretch of the chart's time axis, s. */
export interface ChartStretch {
  startS: number;
  endS: number;
}

/** Shades `stretch` on the plot (none: clears it) without calling the drag hook. */
function showStretch(plot: uPlot, stretch: ChartStretch | null) {
  const left = stretch ? plot.valToPos(stretch.startS, 'x') : 0;
  const width = stretch ? plot.valToPos(stretch.endS, 'x') - left : 0;
  plot.setSelect({ left, width, top: 0, height: stretch ? plot.over.clientHeight : 0 }, false);
}

/**
 * Mouth opening (left axis) against the speech level (right axis) over the recording's
 * `durationS`. With `onSelect`, dragging across the chart marks a stretch; `selection` is shown shaded.
 */
export function SignalChart({
  series,
  durationS,
  selection = null,
  onSelect,
}: {
  series: ChartSeries;
  durationS: number;
  selection?: ChartStretch | null;
  onSelect?: (stretch: ChartStretch) => void;
}) {
  const host = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  // The latest callback and stretch, read by the plot's hooks without rebuilding the plot.
  const onSelectRef = useRef(onSelect);
  const selectionRef = useRef(selection);
  useEffect(() => {
    onSelectRef.current = onSelect;
  }, [onSelect]);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const plot = new uPlot(
      {
        width: element.clientWidth,
        height: 220,
        legend: { show: false },
        // Dragging marks a stretch; it never zooms.
        cursor: { drag: { x: true, y: false, setScale: false, dist: 3 } },
        hooks: {
          setSelect: [
            (self) =>
              onSelectRef.current?.({
                startS: self.posToVal(self.select.left, 'x'),
                endS: self.posToVal(self.select.left + self.select.width, 'x'),
              }),
          ],
        },
        // The whole recording, so a stretch can be marked even where nothing is plotted (no sound).
        scales: { x: { time: false, range: [0, durationS] }, db: { range: [-70, 0] } },
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
    plotRef.current = plot;
    showStretch(plot, selectionRef.current);
    // Follow the card's width so the chart never overflows the page or the side panel.
    const resize = new ResizeObserver(() => {
      plot.setSize({ width: element.clientWidth, height: 220 });
      showStretch(plot, selectionRef.current);
    });
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
      plotRef.current = null;
    };
  }, [series, durationS]);
  useEffect(() => {
    selectionRef.current = selection;
    if (plotRef.current) showStretch(plotRef.current, selection);
  }, [selection]);
  return (
    <figure className="chart-figure">
      <div ref={host} className={`chart${onSelect ? ' selectable' : ''}`} data-testid="signal-chart" />
      <figcaption className="small muted">
        <span className="swatch mouth" /> Mouth opening (left axis) <span className="swatch speech" /> Speech level,
        dBFS (right axis). When the voice comes from this face, speech rises as the mouth opens.
        {onSelect && ' Drag across the chart to mark a stretch for a challenge.'}
      </figcaption>
    </figure>
  );
}
