import { describe, expect, it } from 'vitest';
import type { RecordingSignals } from '@/utils/report/recording-pass';
import { signalsToJson } from '@/utils/report/signals-export';
import { readSignalsJson, signalsToSeries } from '@/utils/report/signals-schema';
import { frames } from '../../support/face-samples';
import { seededRandom } from '../../support/generators';

/**
 * Two seconds of signals at 30 fps (frame times with endless decimals) with every kind of gap the
 * export must keep: no face, a hidden mouth, skin and seam measures that were not taken.
 */
function generated(): RecordingSignals {
  const random = seededRandom(11);
  const faces = frames({
    durationMs: 2000,
    fps: 30,
    face: (t) =>
      t > 990 && t < 1100
        ? null
        : {
            pose: { yawDeg: random() * 40 - 20, pitchDeg: random() * 20 - 10, rollDeg: random() * 10 - 5 },
            eyeDistancePx: 60 + random() * 40,
            centreX: 300 + random() * 40,
            centreY: 220 + random() * 40,
            blink: random(),
            mouthVisible: t < 1500,
            skinRgb: t < 500 ? null : [random() * 255, random() * 255, random() * 255],
            seamGradientRatio: t < 300 ? Number.NaN : 1 + random(),
            seamChromaDelta: random() * 8,
          },
  });
  const seen = faces.map((sample) => Boolean(sample.face?.mouthVisible));
  const hops = Float64Array.from({ length: 200 }, (_, i) => i * 10 + 3.3333333);
  return {
    mouth: {
      timesMs: Float64Array.from(faces, (sample) => sample.timeMs),
      open: Float32Array.from(seen, (visible) => (visible ? random() * 0.3 : Number.NaN)),
      jawOpen: Float32Array.from(seen, (visible) => (visible ? random() : Number.NaN)),
    },
    speech: {
      timesMs: hops,
      db: Float32Array.from(hops, () => -80 + random() * 60),
      voiced: Uint8Array.from(hops, () => (random() > 0.5 ? 1 : 0)),
    },
    faces,
  };
}

/** Where `got` is further from `want` than half a unit of the last written digit (NaN must stay NaN). */
function outside(what: string, got: ArrayLike<number>, want: ArrayLike<number>, digits: number): string[] {
  if (got.length !== want.length) return [`${what}: ${got.length} values for ${want.length}`];
  const bound = 0.5 * 10 ** -digits;
  const found: string[] = [];
  for (let i = 0; i < want.length; i++) {
    const [g, w] = [got[i] as number, want[i] as number];
    const ok = Number.isNaN(w) ? Number.isNaN(g) : Math.abs(g - w) <= bound + 1e-6 * Math.abs(w);
    if (!ok) found.push(`${what}[${i}]: ${g} for ${w}`);
  }
  return found;
}

/** Signals through the export and the reader, back in memory. */
function roundTrip(signals: RecordingSignals): RecordingSignals {
  const text = signalsToJson('clip.mp4', signals);
  expect(text).not.toContain('NaN');
  const read = readSignalsJson(text);
  if (!('signals' in read)) throw new Error(read.problem);
  expect(read.signals.file).toBe('clip.mp4');
  return signalsToSeries(read.signals);
}

describe('signalsToJson', () => {
  it('should write the current schema that reads back to the same numbers within its rounding', () => {
    const signals = generated();
    const back = roundTrip(signals);

    const found = [
      ...outside('mouth.timesMs', back.mouth.timesMs, signals.mouth.timesMs, 2),
      ...outside('mouth.open', back.mouth.open, signals.mouth.open, 4),
      ...outside('mouth.jawOpen', back.mouth.jawOpen, signals.mouth.jawOpen, 4),
      ...outside('speech.timesMs', back.speech.timesMs, signals.speech.timesMs, 2),
      ...outside('speech.db', back.speech.db, signals.speech.db, 2),
      ...outside(
        'faces.timeMs',
        back.faces.map((s) => s.timeMs),
        signals.faces.map((s) => s.timeMs),
        2,
      ),
    ];
    expect(back.speech.voiced).toEqual(signals.speech.voiced);
    signals.faces.forEach((sample, i) => {
      const got = back.faces[i];
      expect(got?.faceCount).toBe(sample.faceCount);
      expect(got?.thumb).toBeNull();
      if (!sample.face || !got?.face) {
        expect(got?.face ?? null).toBe(sample.face);
        return;
      }
      const [g, w] = [got.face, sample.face];
      const at = `faces[${i}]`;
      expect(g.mouthVisible).toBe(w.mouthVisible);
      found.push(
        ...outside(`${at}.pose`, Object.values(g.pose), Object.values(w.pose), 2),
        ...outside(`${at}.rigidShape`, g.rigidShape, w.rigidShape, 5),
        ...outside(`${at}.eyeDistancePx`, [g.eyeDistancePx], [w.eyeDistancePx], 2),
        ...outside(`${at}.centre`, [g.centreX, g.centreY], [w.centreX, w.centreY], 1),
        ...outside(`${at}.blink`, [g.blink], [w.blink], 3),
        ...outside(`${at}.seamGradientRatio`, [g.seamGradientRatio], [w.seamGradientRatio], 4),
        ...outside(`${at}.seamChromaDelta`, [g.seamChromaDelta], [w.seamChromaDelta], 3),
      );
      if (w.skinRgb === null) expect(g.skinRgb).toBeNull();
      else found.push(...outside(`${at}.skinRgb`, g.skinRgb ?? [], w.skinRgb, 3));
    });
    expect(found).toEqual([]);
  });

  it('should keep the gaps of the generated signals (no face, hidden mouth, unmeasured skin and seam)', () => {
    const back = roundTrip(generated());
    expect(back.faces.filter((sample) => sample.face === null).length).toBe(3);
    expect(back.faces.filter((sample) => sample.face && !sample.face.mouthVisible).length).toBeGreaterThan(10);
    expect(back.faces.filter((sample) => sample.face?.skinRgb === null).length).toBeGreaterThan(10);
    expect(back.faces.filter((sample) => Number.isNaN(sample.face?.seamGradientRatio)).length).toBeGreaterThan(5);
    const hidden = back.faces.filter((sample) => !sample.face?.mouthVisible).length;
    expect(Array.from(back.mouth.open).filter(Number.isNaN).length).toBe(hidden);
  });
});
