/**
 * Log-mel band levels of short windows of mono PCM: the audio features of the learned
 * audio-to-mouth map (utils/analyzers/lip-map.ts). The filters are laid out in Hz, so clips at
 * 16, 44.1 and 48 kHz give comparable bands without resampling.
 */
import FFT from 'fft.js';

export const MEL_BAND_COUNT = 20;
/** Band edges, Hz: the voice's energy; 7.6 kHz stays under the Nyquist of 16 kHz clips. */
const MIN_HZ = 80;
const MAX_HZ = 7600;
/** Level of a band with no energy, dB (keeps log10 finite). */
const POWER_FLOOR = 1e-10;

const hzToMel = (hz: number) => 2595 * Math.log10(1 + hz / 700);
const melToHz = (mel: number) => 700 * (10 ** (mel / 2595) - 1);

/** Triangular mel filters over the bins of an `fftSize`-point spectrum: weights per band and bin. */
function melFilters(fftSize: number, sampleRate: number): Float64Array[] {
  const bins = fftSize / 2 + 1;
  const edges = Array.from({ length: MEL_BAND_COUNT + 2 }, (_, i) =>
    melToHz(hzToMel(MIN_HZ) + ((hzToMel(MAX_HZ) - hzToMel(MIN_HZ)) * i) / (MEL_BAND_COUNT + 1)),
  );
  return Array.from({ length: MEL_BAND_COUNT }, (_, band) => {
    const [low, centre, high] = [edges[band] as number, edges[band + 1] as number, edges[band + 2] as number];
    return Float64Array.from({ length: bins }, (_, bin) => {
      const hz = (bin * sampleRate) / fftSize;
      return Math.max(0, Math.min((hz - low) / (centre - low), (high - hz) / (high - centre)));
    });
  });
}

/** Computes the band levels of one window at a time; the window length is fixed per instance. */
export class MelBands {
  private readonly fft: FFT;
  private readonly filters: Float64Array[];
  private readonly taper: Float64Array;
  private readonly input: number[];
  private readonly spectrum: number[];
  /** Parseval's scale: the spectrum's power sums to fftSize x the window's, so levels are mean squares. */
  private readonly powerScale: number;

  constructor(
    readonly windowSamples: number,
    sampleRate: number,
  ) {
    const fftSize = 2 ** Math.ceil(Math.log2(Math.max(4, windowSamples)));
    this.fft = new FFT(fftSize);
    this.filters = melFilters(fftSize, sampleRate);
    this.taper = Float64Array.from(
      { length: windowSamples },
      (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * (i + 0.5)) / windowSamples),
    );
    this.input = new Array<number>(fftSize).fill(0);
    this.spectrum = this.fft.createComplexArray() as number[];
    this.powerScale = 1 / (windowSamples * fftSize);
  }

  /**
   * Band levels in dB of the `windowSamples` samples of a ring that end just before `end`
   * (`ring[end % ring.length]` is the oldest).
   */
  levels(ring: Float32Array, end: number): Float32Array {
    for (let i = 0; i < this.windowSamples; i++) {
      const at = (end - this.windowSamples + i + ring.length) % ring.length;
      this.input[i] = (ring[at] as number) * (this.taper[i] as number);
    }
    this.fft.realTransform(this.spectrum, this.input);
    const out = new Float32Array(MEL_BAND_COUNT);
    this.filters.forEach((weights, band) => {
      let power = 0;
      for (let bin = 0; bin < weights.length; bin++) {
        const weight = weights[bin] as number;
        if (weight === 0) continue;
        const re = this.spectrum[2 * bin] as number;
        const im = this.spectrum[2 * bin + 1] as number;
        power += weight * (re * re + im * im);
      }
      out[band] = 10 * Math.log10(power * this.powerScale + POWER_FLOOR);
    });
    return out;
  }
}
