import { useEffect, useRef } from 'react';
import type { Box } from '@/utils/features/face-features';
import type { LiveSummary } from '@/utils/live/live-summary';
import { faceAt } from '@/utils/tracking/candidate';
import type { PreviewSink } from '@/utils/live/preview-sink';
import { useAppStore } from '@/utils/store';

function drawBoxes(context: CanvasRenderingContext2D, summary: LiveSummary | null): void {
  if (!summary || summary.frame.width === 0) return;
  const scale = context.canvas.width / summary.frame.width;
  const stroke = (box: Box, colour: string, lineWidth: number) => {
    context.strokeStyle = colour;
    context.lineWidth = lineWidth * devicePixelRatio;
    context.strokeRect(box.x * scale, box.y * scale, box.width * scale, box.height * scale);
  };
  for (const face of summary.faces) stroke(face, 'rgba(255,255,255,0.8)', 1);
  const candidate = summary.candidate.box;
  if (candidate) stroke(candidate, summary.candidate.state === 'lost' ? '#d93025' : '#19a974', 3);
}

/**
 * The captured call, small, with every face found (thin) and the candidate (thick). Clicking a
 * face makes it the candidate. Stills and boxes are drawn through refs, never React renders.
 */
export function LivePreview({ sink, onChoose }: { sink: PreviewSink; onChoose: (face: Box) => void }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const pictureRef = useRef<ImageBitmap | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    const paint = () => {
      if (pictureRef.current) context.drawImage(pictureRef.current, 0, 0, canvas.width, canvas.height);
      else context.clearRect(0, 0, canvas.width, canvas.height);
      drawBoxes(context, useAppStore.getState().liveSummary);
    };
    // The backing store follows the canvas's laid-out size, told by an observer: measuring it in
    // each paint (8 a second) forced a layout each time, and resizing it reallocated it.
    const resizes = new ResizeObserver(([entry]) => {
      if (!entry) return;
      canvas.width = Math.round(entry.contentRect.width * devicePixelRatio);
      canvas.height = Math.round(entry.contentRect.height * devicePixelRatio);
      paint();
    });
    resizes.observe(canvas);
    const detach = sink.attach((picture) => {
      pictureRef.current?.close();
      pictureRef.current = picture;
      paint();
    });
    const unsubscribe = useAppStore.subscribe((state, previous) => {
      if (state.liveSummary !== previous.liveSummary) paint();
    });
    return () => {
      resizes.disconnect();
      detach();
      unsubscribe();
      pictureRef.current?.close();
      pictureRef.current = null;
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
    </div>
  );
}
