import { useEffect, useRef } from 'react';
import type { Box } from '@/utils/features/face-features';
import type { LiveSummary } from '@/utils/live/live-summary';
import { faceAt } from '@/utils/tracking/candidate';
import type { PreviewSink } from '@/utils/live/preview-sink';
import { useAppStore } from '@/utils/store';

const SVG = 'http://www.w3.org/2000/svg';

/** One outlined box of the overlay, in frame pixels; its line stays `lineWidth` screen pixels wide. */
function outline(box: Box, colour: string, lineWidth: number): SVGRectElement {
  const rect = document.createElementNS(SVG, 'rect');
  const { x, y, width, height } = box;
  const attributes = { x, y, width, height, stroke: colour, 'stroke-width': lineWidth };
  for (const [name, value] of Object.entries(attributes)) rect.setAttribute(name, String(value));
  return rect;
}

/** Every face found (thin) and the candidate (thick) on the overlay, which spans the frame. */
function drawBoxes(overlay: SVGSVGElement, summary: LiveSummary | null): void {
  if (!summary || summary.frame.width === 0) {
    overlay.replaceChildren();
    return;
  }
  overlay.setAttribute('viewBox', `0 0 ${summary.frame.width} ${summary.frame.height}`);
  const boxes = summary.faces.map((face) => outline(face, 'rgba(255,255,255,0.8)', 1));
  const candidate = summary.candidate.box;
  if (candidate) boxes.push(outline(candidate, summary.candidate.state === 'lost' ? '#d93025' : '#19a974', 3));
  overlay.replaceChildren(...boxes);
}

/**
 * The captured call, small, with every face found (thin) and the candidate (thick). Clicking a
 * face makes it the candidate. The still is handed to a bitmap canvas as it is and the boxes are
 * an SVG overlay, both through refs, never React renders: drawing on a 2D canvas made the page
 * wait for the GPU process after each paint (7-11 ms of its thread, about 7 paints a second, with
 * the software GPU of a 2-core machine).
 */
export function LivePreview({ sink, onChoose }: { sink: PreviewSink; onChoose: (face: Box) => void }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const overlayRef = useRef<SVGSVGElement>(null);

  useEffect(() => {
    const picture = canvasRef.current?.getContext('bitmaprenderer');
    const overlay = overlayRef.current;
    if (!picture || !overlay) return;
    const detach = sink.attach((still) => picture.transferFromImageBitmap(still));
    drawBoxes(overlay, useAppStore.getState().liveSummary);
    const unsubscribe = useAppStore.subscribe((state, previous) => {
      if (state.liveSummary !== previous.liveSummary) drawBoxes(overlay, state.liveSummary);
    });
    return () => {
      detach();
      unsubscribe();
    };
  }, [sink]);

  const onClick = (event: React.MouseEvent<HTMLCanvasElement>) => {
    const summary = useAppStore.getState().liveSummary;
    if (!summary || summary.frame.width === 0) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const scale = summary.frame.width / rect.width;
    const face = faceAt(summary.faces, {
      x: (event.clientX - rect.left) * scale,
      y: (event.clientY - rect.top) * scale,
    });
    if (face) onChoose(face);
  };

  return (
    <div className="preview">
      <canvas
        ref={canvasRef}
        onClick={onClick}
        data-testid="live-preview"
        role="img"
        aria-label="Captured call: click a face to make it the candidate"
        title="Click a face to make it the candidate"
      />
      <svg ref={overlayRef} className="preview-boxes" preserveAspectRatio="none" aria-hidden="true" />
    </div>
  );
}
