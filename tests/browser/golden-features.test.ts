import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOUTH_MEASURES } from '@/utils/features/mouth-measures';
import { readSignalsJson, type Signals } from '@/utils/report/signals-schema';
import { launchExtension, ROOT, type LaunchedExtension } from '../../scripts/lib/browser.mjs';
import { faceModel, sharedClip } from '../support/paths';

// Golden per-frame features of two real clips, recorded with the built extension, so that any
// change in the features (model, landmarks, pixel measures, mouth measures, speech envelope, mel
// bands) shows up here and as a diff of tests/fixtures/golden/. `node scripts/update-golden.mjs`
// records them again.
const UPDATE = process.env.LIVEPROOF_UPDATE_GOLDEN === '1';
const GOLDEN_DIR = join(ROOT, 'tests/fixtures/golden');
/** Only the first seconds are kept, so the golden files stay small. */
const KEEP_MS = 6000;
const CLIPS = [
  // Frontal speaker with sound: mouth, jaw, speech envelope and voice activity.
  sharedClip('real/real_mead_m003_007_m.mp4'),
  // No sound, head turning at 10 fps: pose and the face-check measures on the picture alone.
  sharedClip('real/real_roop_target_f.mp4'),
];

/**
 * How far a value may move before it counts as a change. On one machine the pipeline is
 * deterministic (one landmarker, every frame): two runs match exactly, and so did runs with V8's
 * FMA and AVX code generation turned off, as on an older CPU. What another machine may still
 * change is the last bit of a decoded pixel (the YUV to RGB conversion has per-CPU SIMD paths) or
 * of a decoded audio sample. The model turns such pixel noise into visible moves, so each bound
 * is the largest move seen on these two clips after a near-lossless re-encode (libx264 CRF 8,
 * pixels within about 2 levels, PSNR 55 dB: more noise than a last bit; the audio copied),
 * rounded up by about half.
 * A change to a feature's formula, the model, the frame timing or the decode moves values more.
 */
const TOLERANCE = {
  /**
   * Mouth opening (inner-lip gap / eye-corner distance, about 0..0.3); re-encodes moved it 0.007
   * and, with this machine's ffmpeg, 0.012 (both clips, every frame: 14 mouth measures 0.045 there).
   */
  open: 0.018,
  /** The jawOpen blendshape, 0..1; re-encode: 0.024. */
  jawOpen: 0.035,
  /** Head pose, degrees; re-encode: 0.3, and 1.0 for the pitch of the 155 px face turning up and down. */
  poseDeg: 1.5,
  /** Pose-normalised rigid points (eye-corner distance = 1); re-encode: 0.01. */
  rigidShape: 0.015,
  /** Face size and position, px; re-encode: 0.8 and 0.9. */
  eyeDistancePx: 1.2,
  centrePx: 1.5,
  /** Eye blink blendshapes, 0..1; re-encode: 0.021. */
  blink: 0.03,
  /** Skin patch means, 0..255; re-encode: 2.3. */
  skinRgb: 3.5,
  /** Seam measures from pixel gradients, the most sensitive to pixel noise; re-encode: 0.38 and 0.53. */
  seamGradientRatio: 0.6,
  seamChromaDelta: 0.8,
  /** Lower-face tone against the forehead (luma, Cb, Cr; 0..255), 1 decimal; re-encode: 2.9. */
  lowerFaceTone: 4.5,
  /** Speech level, dB, written with 2 decimals; decoder float order shows only near silence. */
  speechDb: 0.05,
  /**
   * The mouth's shape (MOUTH_MEASURES: two landmark ratios, six blendshapes 0..1); re-encode: 0.046
   * (mouthPucker, which spans 0..0.98 here) and 0.038 (upperUp), the others up to 0.028.
   */
  mouthMeasures: 0.07,
  /**
   * Log-mel band levels, dB, written with 1 decimal. The re-encode copied the audio, so the decode
   * matched to the bit and the bands moved 0; the bound is one step of the written digit, rounded
   * up by half. (An AAC 320k re-encode of the audio is no near-lossless stand-in: it moved bands up
   * to 0.4 dB above -40 dB and up to 10 dB near silence, and speechDb by 3.2.)
   */
  melBandDb: 0.15,
};
/** Booleans decided by a threshold may flip on a value sitting right at it (none flipped on the re-encode). */
const MAX_FLIP_SHARE = 0.02;

type Face = NonNullable<Signals['faces'][number]['face']>;
type Value = number | null | undefined;

/** The signals before `untilMs` (every series cut at the same time). */
function trimmed(signals: Signals, untilMs: number): Signals {
  const mouthCount = signals.mouth.timesMs.filter((t) => t < untilMs).length;
  const speechCount = signals.speech.timesMs.filter((t) => t < untilMs).length;
  return {
    ...signals,
    mouth: {
      timesMs: signals.mouth.timesMs.slice(0, mouthCount),
      open: signals.mouth.open.slice(0, mouthCount),
      jawOpen: signals.mouth.jawOpen.slice(0, mouthCount),
      measures: signals.mouth.measures?.slice(0, mouthCount) ?? null,
    },
    speech: {
      timesMs: signals.speech.timesMs.slice(0, speechCount),
      db: signals.speech.db.slice(0, speechCount),
      voiced: signals.speech.voiced.slice(0, speechCount),
      bands: signals.speech.bands?.slice(0, speechCount) ?? null,
    },
    faces: signals.faces.filter((sample) => sample.timeMs < untilMs),
  };
}

/** Rows (a face sample, a frame's mouth measures, a hop's bands) one per line, at `depth` spaces. */
function linesOf(rows: readonly unknown[] | null, depth: number): string {
  if (rows === null || rows.length === 0) return JSON.stringify(rows);
  const indent = ' '.repeat(depth);
  return `[\n${rows.map((row) => `${indent} ${JSON.stringify(row)}`).join(',\n')}\n${indent}]`;
}

/**
 * A valid signals export with one face sample, one frame's mouth measures, one hop's bands and one
 * series value per line, so that diffs point at frames.
 */
function goldenText(signals: Signals): string {
  const rest = JSON.stringify(
    {
      ...signals,
      mouth: { ...signals.mouth, measures: 'MEASURES' },
      speech: { ...signals.speech, bands: 'BANDS' },
      faces: 'FACES',
    },
    null,
    1,
  );
  return `${rest
    .replace('"MEASURES"', linesOf(signals.mouth.measures, 2))
    .replace('"BANDS"', linesOf(signals.speech.bands, 2))
    .replace('"FACES"', linesOf(signals.faces, 1))}\n`;
}

/** What moved beyond the tolerances, and the largest move of each measure (to show how near a run came). */
class Comparison {
  readonly found: string[] = [];
  readonly largest = new Map<string, number>();

  near(measure: keyof typeof TOLERANCE, at: string, expected: Value, got: Value) {
    const [e, g] = [expected ?? null, got ?? null];
    if (e !== null && g !== null) this.largest.set(measure, Math.max(this.largest.get(measure) ?? 0, Math.abs(e - g)));
    if (e === null || g === null ? e !== g : Math.abs(e - g) > TOLERANCE[measure]) {
      this.found.push(`${measure} ${at}: expected ${e}, got ${g} (tolerance ${TOLERANCE[measure]})`);
    }
  }

  same(what: string, expected: unknown, got: unknown): boolean {
    if (expected !== got) this.found.push(`${what}: expected ${expected}, got ${got}`);
    return expected === got;
  }

  sameTimes(what: string, expected: number[], got: number[]): boolean {
    const index = expected.findIndex((t, i) => t !== got[i]);
    if (index < 0 && expected.length === got.length) return true;
    const first = index < 0 ? '' : `, first at [${index}]: ${expected[index]} ms, now ${got[index]} ms`;
    this.found.push(`${what} differ (${expected.length} golden, ${got.length} now${first})`);
    return false;
  }

  flips(what: string, count: number, of: number) {
    this.largest.set(`${what} flips`, count);
    if (count > MAX_FLIP_SHARE * of) this.found.push(`${what}: ${count} of ${of} flipped`);
  }
}

function compare(golden: Signals, actual: Signals): Comparison {
  const c = new Comparison();
  const aligned =
    c.sameTimes('mouth frame times', golden.mouth.timesMs, actual.mouth.timesMs) &&
    c.sameTimes('speech hop times', golden.speech.timesMs, actual.speech.timesMs) &&
    c.sameTimes(
      'face sample times',
      golden.faces.map((s) => s.timeMs),
      actual.faces.map((s) => s.timeMs),
    );
  if (!aligned) return c;

  golden.mouth.timesMs.forEach((t, i) => {
    c.near('open', `at ${t} ms`, golden.mouth.open[i], actual.mouth.open[i]);
    c.near('jawOpen', `at ${t} ms`, golden.mouth.jawOpen[i], actual.mouth.jawOpen[i]);
  });
  if (c.same('mouth.measures written', golden.mouth.measures !== null, actual.mouth.measures !== null)) {
    golden.mouth.measures?.forEach((row, i) => {
      const got = actual.mouth.measures?.[i] ?? null;
      const at = `at ${golden.mouth.timesMs[i]} ms`;
      if (!c.same(`mouth measured ${at}`, row !== null, got !== null)) return;
      row?.forEach((value, k) => c.near('mouthMeasures', `${MOUTH_MEASURES[k]} ${at}`, value, got?.[k]));
    });
  }
  golden.speech.timesMs.forEach((t, i) => c.near('speechDb', `at ${t} ms`, golden.speech.db[i], actual.speech.db[i]));
  if (c.same('speech.bands written', golden.speech.bands !== null, actual.speech.bands !== null)) {
    golden.speech.bands?.forEach((row, i) => {
      const got = actual.speech.bands?.[i] ?? null;
      const at = `at ${golden.speech.timesMs[i]} ms`;
      if (!c.same(`bands measured ${at}`, row !== null, got !== null)) return;
      row?.forEach((value, k) => c.near('melBandDb', `[${k}] ${at}`, value, got?.[k]));
    });
  }
  const voiced = golden.speech.voiced.filter((v, i) => v !== actual.speech.voiced[i]).length;
  c.flips('speech.voiced', voiced, golden.speech.timesMs.length);

  let mouthFlips = 0;
  golden.faces.forEach((expected, i) => {
    const got = actual.faces[i];
    const at = `at ${expected.timeMs} ms`;
    c.same(`faceCount ${at}`, expected.faceCount, got?.faceCount);
    if (!c.same(`face found ${at}`, expected.face !== null, Boolean(got?.face)) || !expected.face || !got?.face) return;
    const [e, g]: [Face, Face] = [expected.face, got.face];
    for (const key of ['yawDeg', 'pitchDeg', 'rollDeg'] as const) c.near('poseDeg', `${key} ${at}`, e[key], g[key]);
    e.rigidShape.forEach((value, k) => c.near('rigidShape', `[${k}] ${at}`, value, g.rigidShape[k]));
    c.near('eyeDistancePx', at, e.eyeDistancePx, g.eyeDistancePx);
    e.centre.forEach((value, k) => c.near('centrePx', `[${k}] ${at}`, value, g.centre[k]));
    c.near('blink', at, e.blink, g.blink);
    if (c.same(`skinRgb measured ${at}`, e.skinRgb !== null, g.skinRgb !== null)) {
      e.skinRgb?.forEach((value, k) => c.near('skinRgb', `[${k}] ${at}`, value, g.skinRgb?.[k]));
    }
    c.near('seamGradientRatio', at, e.seamGradientRatio, g.seamGradientRatio);
    c.near('seamChromaDelta', at, e.seamChromaDelta, g.seamChromaDelta);
    if (c.same(`lowerFaceTone measured ${at}`, e.lowerFaceTone !== null, g.lowerFaceTone !== null)) {
      e.lowerFaceTone?.forEach((value, k) => c.near('lowerFaceTone', `[${k}] ${at}`, value, g.lowerFaceTone?.[k]));
    }
    if (e.mouthVisible !== g.mouthVisible) mouthFlips++;
  });
  c.flips('mouthVisible', mouthFlips, golden.faces.length);
  return c;
}

/** Analyses one clip on the analyze page (every frame) and returns its signals export, read back. */
async function analyseClip(page: Page, clip: string): Promise<Signals> {
  await page.reload();
  await page.getByText('Model loaded').waitFor({ timeout: 60_000 });
  await page.getByLabel(/Analyse every frame/).setChecked(true);
  await page.getByTestId('file-input').setInputFiles(clip);
  const outcome = await Promise.race([
    page
      .getByTestId('lipsync')
      .waitFor({ timeout: 150_000 })
      .then(() => 'done'),
    page
      .getByTestId('run-error')
      .waitFor({ timeout: 150_000 })
      .then(() => 'failed'),
  ]);
  if (outcome === 'failed') throw new Error(`${clip}: ${await page.getByTestId('run-error').textContent()}`);
  const exportButton = page.getByRole('button', { name: 'Export signals' });
  const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
  const read = readSignalsJson(await readFile(await download.path(), 'utf8'));
  if ('problem' in read) throw new Error(read.problem);
  return read.signals;
}

const clips = CLIPS.filter((clip): clip is string => clip !== null).map((clip) => [basename(clip, '.mp4'), clip]);
const ready = Boolean(faceModel()) && clips.length === CLIPS.length;

describe.skipIf(!ready)('golden per-frame features', () => {
  let browser: LaunchedExtension;
  let page: Page;
  beforeAll(async () => {
    browser = await launchExtension();
    // One landmarker whatever the core count: recordings are cut into one stretch per worker and
    // each stretch starts its own face tracking, so more workers would change the frames at the cuts.
    await browser.context.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => 1 }),
    );
    page = await browser.openPage('analyze.html');
    expect(await page.evaluate(() => navigator.hardwareConcurrency)).toBe(1);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each(clips)('should match the golden features of %s', async (name, clip) => {
    const goldenPath = join(GOLDEN_DIR, `${name}.signals.json`);
    const actual = trimmed(await analyseClip(page, clip), KEEP_MS);
    if (UPDATE) {
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(goldenPath, goldenText(actual));
      console.log(`[golden] wrote ${goldenPath}`);
    }
    expect(existsSync(goldenPath), `${goldenPath} is missing: run node scripts/update-golden.mjs`).toBe(true);
    const read = readSignalsJson(readFileSync(goldenPath, 'utf8'));
    if ('problem' in read) throw new Error(`${goldenPath}: ${read.problem}`);
    const golden = read.signals;
    const { found, largest } = compare(golden, actual);
    const moves = [...largest].map(([measure, move]) => `${measure} ${Number(move.toPrecision(2))}`).join(', ');
    console.log(
      `[golden] ${name}: compared ${golden.faces.length} frames and ${golden.speech.timesMs.length} speech hops; ` +
        `${found.length} beyond the tolerances; largest moves: ${moves}`,
    );
    expect(found.slice(0, 20)).toEqual([]);
    expect(golden.faces.length).toBeGreaterThan(50);
  });
});
