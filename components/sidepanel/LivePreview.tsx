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
    const paint = () => {
      const context = canvasRef.current?.getContext('2d');
      if (!context) return;
      const { width, height } = context.canvas.getBoundingClientRect();
      context.canvas.width = Math.round(width * devicePixelRatio);
      context.canvas.height = Math.round(height * devicePixelRatio);
      if (pictureRef.current) context.drawImage(pictureRef.current, 0, 0, context.canvas.width, context.canvas.height);
      else context.clearRect(0, 0, context.canvas.width, context.canvas.height);
      drawBoxes(context, useAppStore.getState().liveSummary);
    };
    const detach = sink.attach((picture) => {
      pictureRef.current?.close();
      pictureRef.current = picture;
      paint();
    });
    const unsubscribe = useAppStore.subscribe((state, previous) => {
      if (state.liveSummary !== previous.liveSummary) paint();
    });
    return () => {
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
