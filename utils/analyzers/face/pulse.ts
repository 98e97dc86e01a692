/**
 * `pulse-absent`: remote photoplethysmography. Skin colour (forehead and cheeks) changes very
 * slightly with each heartbeat; the POS projection (Wang et al., "Algorithmic principles of
 * remote PPG", IEEE TBME 2017) turns the RGB means into a pulse wave, whose spectrum peak in
 * 42..180 bpm gives the heart rate and whose peak-to-rest power ratio (SNR) its quality.
 * Compression, light and motion all weaken it, so no pulse is only ever a weak sign.
 */
import { PULSE } from '@/utils/common/thresholds';
import type { FaceSample } from '@/utils/features/face-sample';
import { findingTimeS, type Finding } from '@/utils/findings/finding';
import { lumaOf } from '@/utils/features/pixel-measures';
import { pulseAbsentMessage } from '@/utils/wording/findings';

export interface PulseEstimate {
  startMs: number;
  endMs: number;
  bpm: number;
  snrDb: number;
  /** Lit, steady and near-frontal enough that a real pulse should show. */
  steady: boolean;
}

/** RGB resampled to PULSE.sampleHz over [fromMs, toMs); null where the face is missing too long. */
export function resampleSkin(samples: readonly FaceSample[], fromMs: number, toMs: number): Float64Array[] | null {
  const points = samples.filter(
    (s) => s.face?.skinRgb && s.timeMs >= fromMs - PULSE.maxGapMs && s.timeMs < toMs + PULSE.maxGapMs,
  );
  const stepMs = 1000 / PULSE.sampleHz;
  const count = Math.floor((toMs - fromMs) / stepMs);
  const channels = [new Float64Array(count), new Float64Array(count), new Float64Array(count)];
  let j = 0;
  for (let n = 0; n < count; n++) {
    const time = fromMs + n * stepMs;
    while (j < points.length - 2 && (points[j + 1] as FaceSample).timeMs <= time) j++;
    const a = points[j];
    const b = points[j + 1];
    if (!a || !b || a.timeMs > time || b.timeMs < time || b.timeMs - a.timeMs > PULSE.maxGapMs) return null;
    const t = (time - a.timeMs) / (b.timeMs - a.timeMs);
    const ca = a.face?.skinRgb as [number, number, number];
    const cb = b.face?.skinRgb as [number, number, number];
    for (let c = 0; c < 3; c++) {
      (channels[c] as Float64Array)[n] = (ca[c] as number) + ((cb[c] as number) - (ca[c] as number)) * t;
    }
  }
  return channels;
}

const mean = (values: ArrayLike<number>, from = 0, to = values.length) => {
  let sum = 0;
  for (let i = from; i < to; i++) sum += values[i] as number;
  return sum / (to - from);
};
const std = (values: readonly number[]) => {
  const m = mean(values);
  return Math.sqrt(values.reduce((sum, v) => sum + (v - m) ** 2, 0) / values.length);
};

/** The POS pulse wave of equally spaced RGB means (overlap-added 1.6 s projections). */
export function posPulse([red, green, blue]: Float64Array[], sampleHz: number): Float64Array {
  const length = (red as Float64Array).length;
  const window = Math.round(PULSE.posWindowS * sampleHz);
  const pulse = new Float64Array(length);
  for (let start = 0; start + window <= length; start++) {
    const end = start + window;
    const [mr, mg, mb] = [
      mean(red as Float64Array, start, end),
      mean(green as Float64Array, start, end),
      mean(blue as Float64Array, start, end),
    ];
    const s1: number[] = [];
    const s2: number[] = [];
    for (let i = start; i < end; i++) {
      const [r, g, b] = [
        ((red as Float64Array)[i] as number) / mr,
        ((green as Float64Array)[i] as number) / mg,
        ((blue as Float64Array)[i] as number) / mb,
      ];
      s1.push(g - b);
      s2.push(g + b - 2 * r);
    }
    const alpha = std(s2) > 0 ? std(s1) / std(s2) : 0;
    const h = s1.map((v, k) => v + alpha * (s2[k] as number));
    const hMean = mean(h);
    h.forEach((v, k) => {
      pulse[start + k] = (pulse[start + k] as number) + v - hMean;
    });
  }
  return pulse;
}

/** Power at frequency `hz` of a Hann-windowed, mean-removed signal. */
function powerAt(signal: Float64Array, sampleHz: number, hz: number): number {
  const n = signal.length;
  let re = 0;
  let im = 0;
  for (let i = 0; i < n; i++) {
    const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1));
    const phase = (2 * Math.PI * hz * i) / sampleHz;
    re += (signal[i] as number) * w * Math.cos(phase);
    im -= (signal[i] as number) * w * Math.sin(phase);
  }
  return re * re + im * im;
}

/** Heart rate (bpm) at the spectrum's peak in the pulse band, and its SNR (dB). */
export function pulseSpectrumPeak(pulse: Float64Array, sampleHz: number): { bpm: number; snrDb: number } {
  const m = mean(pulse);
  const centred = pulse.map((v) => v - m);
  const spectrum: { hz: number; power: number }[] = [];
  for (let hz = PULSE.searchMinHz; hz <= PULSE.searchMaxHz + 1e-9; hz += PULSE.stepHz) {
    spectrum.push({ hz, power: powerAt(centred, sampleHz, hz) });
  }
  const band = spectrum.filter((bin) => bin.hz >= PULSE.minHz && bin.hz <= PULSE.maxHz);
  const peak = band.reduce(
    (best, bin) => (bin.power > best.power ? bin : best),
    band[0] as { hz: number; power: number },
  );
  let signal = 0;
  let noise = 0;
  for (const bin of spectrum) {
    const near =
      Math.abs(bin.hz - peak.hz) <= PULSE.peakHalfWidthHz ||
      Math.abs(bin.hz - 2 * peak.hz) <= 2 * PULSE.peakHalfWidthHz;
    if (near) signal += bin.power;
    else noise += bin.power;
  }
  // No colour variation at all (a still or rendered face): no pulse, the lowest possible SNR.
  if (signal + noise <= 0) return { bpm: Number.NaN, snrDb: -Infinity };
  return { bpm: peak.hz * 60, snrDb: noise > 0 ? 10 * Math.log10(signal / noise) : Infinity };
}

function isSteady(samples: readonly FaceSample[], fromMs: number, toMs: number): boolean {
  const faces = samples
    .filter((s) => s.face && s.timeMs >= fromMs && s.timeMs < toMs)
    .map((s) => s.face as NonNullable<FaceSample['face']>);
  if (faces.length === 0) return false;
  const scale = faces.reduce((sum, f) => sum + f.eyeDistancePx, 0) / faces.length;
  const spread = Math.hypot(std(faces.map((f) => f.centreX)), std(faces.map((f) => f.centreY))) / scale;
  const lit = faces.every((f) => {
    const [r, g, b] = f.skinRgb ?? [0, 0, 0];
    const luma = lumaOf(r, g, b);
    return luma >= PULSE.minSkinLuma && luma <= PULSE.maxSkinLuma;
  });
  const frontal = faces.every((f) => Math.abs(f.pose.yawDeg) <= PULSE.maxYawDeg);
  return lit && frontal && spread <= PULSE.maxCentreSpread && scale >= PULSE.minEyeDistancePx;
}

/** Pulse estimates over windows of PULSE.windowMs, stepping PULSE.stepMs. */
function pulseEstimates(samples: readonly FaceSample[]): PulseEstimate[] {
  const first = samples[0]?.timeMs ?? 0;
  const last = samples[samples.length - 1]?.timeMs ?? 0;
  const estimates: PulseEstimate[] = [];
  const span = Math.min(PULSE.windowMs, last - first);
  if (span < PULSE.minWindowMs) return estimates;
  for (let fromMs = first; fromMs + span <= last; fromMs += PULSE.stepMs) {
    const toMs = fromMs + span;
    const rgb = resampleSkin(samples, fromMs, toMs);
    if (!rgb) continue;
    const { bpm, snrDb } = pulseSpectrumPeak(posPulse(rgb, PULSE.sampleHz), PULSE.sampleHz);
    estimates.push({ startMs: fromMs, endMs: toMs, bpm, snrDb, steady: isSteady(samples, fromMs, toMs) });
  }
  return estimates;
}

export interface PulseSummary {
  /** Heart rate of the window with the clearest pulse, bpm; NaN with no window. */
  bpm: number;
  snrDb: number;
}

export function analyzePulse(
  samples: readonly FaceSample[],
  offsetMs = 0,
): { findings: Finding[]; summary: PulseSummary } {
  const estimates = pulseEstimates(samples);
  const best = estimates.reduce<PulseEstimate | null>((top, e) => (!top || e.snrDb > top.snrDb ? e : top), null);
  const steady = estimates.filter((e) => e.steady);
  const findings: Finding[] = [];
  const clearest = steady.reduce<PulseEstimate | null>((top, e) => (!top || e.snrDb > top.snrDb ? e : top), null);
  if (clearest && clearest.snrDb < PULSE.minSnrDb && steady.length >= PULSE.minSteadyWindows) {
    findings.push({
      kind: 'pulse-absent',
      severity: 'info',
      startS: findingTimeS((steady[0] as PulseEstimate).startMs - offsetMs),
      endS: findingTimeS((steady[steady.length - 1] as PulseEstimate).endMs - offsetMs),
      message: pulseAbsentMessage(clearest.snrDb),
      evidence: {
        bestSnrDb: Number(clearest.snrDb.toFixed(2)),
        bpmAtBest: Math.round(clearest.bpm),
        steadyWindows: steady.length,
      },
    });
  }
  return {
    findings,
    summary: { bpm: best ? best.bpm : Number.NaN, snrDb: best ? best.snrDb : Number.NaN },
  };
}
