import type { Page } from 'playwright-core';

export interface AnalysedFramesMeter {
  /** Frames analysed since the previous call (or the start), rounded. */
  take(): number;
  stop(): void;
}

/**
 * Counts the frames the side panel analyses by integrating its analysed-fps meter (`live-health`
 * data-fps, a 2 s window) sampled every `everyMs`: the panel shows no running total, so this is an
 * estimate, good to a few frames. Samples that fail (panel reloading or closed) count as zero.
 */
export function meterAnalysedFrames(panel: Page, everyMs = 1000): AnalysedFramesMeter {
  let frames = 0;
  let last = Date.now();
  let sampling = false;
  const timer = setInterval(() => {
    if (sampling) return;
    sampling = true;
    panel
      .getByTestId('live-health')
      .getAttribute('data-fps', { timeout: everyMs / 2 })
      .then((fps) => {
        const now = Date.now();
        const value = Number(fps);
        if (Number.isFinite(value)) frames += (value * (now - last)) / 1000;
        last = now;
      })
      .catch(() => {
        last = Date.now();
      })
      .finally(() => {
        sampling = false;
      });
  }, everyMs);
  timer.unref();
  return {
    take() {
      const taken = Math.round(frames);
      frames = 0;
      return taken;
    },
    stop() {
      clearInterval(timer);
    },
  };
}
