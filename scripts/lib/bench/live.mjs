// `npm run bench -- --live`: the live path end to end in headless Chromium. A demo call page
// (1280x720, four tiles: the candidate with sound, another face, a camera-off tile and a self
// view) is captured by the side panel through the real capture path ("Pick a tab", auto-selected
// by title), and the panel's own health figures are sampled once a second.
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { engineRunsOn, ensureBuilt, launchExtension } from '../browser.mjs';
import { DEMO_CALL_ARGS, startDemoCall } from '../demo-call.mjs';
import { importTypeScript } from '../import-ts.mjs';
import { median } from './soak.mjs';

const SAMPLE_S = 30;
/** Panel opens timed for the start-up after the measured run (the browser's caches warm). */
const REOPENS = 5;

/**
 * Opens the panel REOPENS times, pressing "Pick a tab…" at once (the capture starts while the
 * models load), and returns each open's start-up milestones (Startup: capture running, first frame,
 * candidate proposed, its first landmarks; ms since the panel's start).
 */
async function reopenStarts(browser) {
  const times = [];
  for (let open = 0; open < REOPENS; open++) {
    const panel = await browser.openPage('sidepanel.html');
    await panel.getByRole('button', { name: 'Pick a tab…' }).click({ timeout: 30_000 });
    await panel.locator('[data-testid="live-face"][data-found="true"]').waitFor({ timeout: 60_000 });
    const startup = (await panel.getByTestId('live-health').getAttribute('data-startup')) ?? '';
    times.push(startup.split(',').map(Number));
    await panel.getByRole('button', { name: 'Stop' }).click();
    await panel.close();
  }
  return times;
}

/**
 * The page's animation frames that ended after `sinceMs` (page clock) with a task over 50 ms, from the Long
 * Animation Frames API: when, how long, how much of it was rendering, and which scripts ran in
 * them (none named: the browser's own work).
 */
async function longFramesSince(panel, sinceMs) {
  return panel.evaluate(
    (since) =>
      new Promise((resolve) => {
        const observer = new PerformanceObserver((list) => {
          observer.disconnect();
          resolve(
            list
              .getEntries()
              .filter((entry) => entry.startTime + entry.duration >= since && entry.blockingDuration > 0)
              .map((entry) => ({
                atS: (entry.startTime - since) / 1000,
                durationMs: entry.duration,
                renderMs: entry.renderStart > 0 ? entry.startTime + entry.duration - entry.renderStart : 0,
                scripts: entry.scripts.map(
                  (script) =>
                    `${script.invoker || script.invokerType} ${Math.round(script.duration)} ms ` +
                    `(${script.sourceFunctionName || '?'} in ${script.sourceURL.split('/').pop() || '?'})`,
                ),
              })),
          );
        });
        observer.observe({ type: 'long-animation-frame', buffered: true });
        // No entry at all: the observer is never called.
        setTimeout(() => resolve([]), 500);
      }),
    sinceMs,
  );
}

/** Seconds of Chrome trace taken after the measured run, for the tracker's wall and CPU time per frame. */
const TRACE_S = 3;

/**
 * The browser's trace events over `seconds` (the task events of every thread, with the CPU time
 * each thread got): taken after the sampled run, as tracing itself costs the page time.
 */
async function traceEvents(context, page, seconds) {
  const session = await context.newCDPSession(page);
  const events = [];
  session.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const complete = new Promise((resolve) => session.once('Tracing.tracingComplete', resolve));
  await session.send('Tracing.start', {
    traceConfig: { includedCategories: ['disabled-by-default-devtools.timeline'] },
  });
  await page.waitForTimeout(seconds * 1000);
  await session.send('Tracing.end');
  await complete;
  await session.detach();
  return events;
}

/**
 * `candidate`: the candidate's clip (default: a real 30 s talking head, in sync). `fit`: 'cover'
 * crops the call's tiles to fill, as Meet does, instead of letterboxing them.
 */
export async function benchLive(media, candidate = join(media, 'real/real_edtalk_tedlieu_m.mp4'), fit = 'contain') {
  const { DESCRIPTOR } = await importTypeScript('utils/common/thresholds.ts');
  const { busiestWorkerTimes } = await importTypeScript('scripts/lib/bench/worker-times.ts');
  const describeEveryS = DESCRIPTOR.liveIntervalMs / 1000;
  const clips = {
    candidate,
    panelist: join(media, 'real/real_hdtf_katiehill_f_sadtalker.mp4'),
    self: join(media, 'real/real_hdtf_edmarkey_m_sadtalker.mp4'),
  };
  const missing = Object.values(clips).filter((path) => !existsSync(path));
  if (missing.length > 0) throw new Error(`bench --live: missing clips: ${missing.join(', ')}`);
  ensureBuilt();
  const server = await startDemoCall(clips);
  const browser = await launchExtension({ viewport: { width: 1280, height: 720 }, args: DEMO_CALL_ARGS });
  try {
    const call = await browser.context.newPage();
    await call.goto(`${server.url}/?fit=${fit}`);
    await call.waitForTimeout(1000);
    const panel = await browser.openPage('sidepanel.html');
    const health = panel.getByTestId('live-health');
    await panel.getByText('Model loaded').waitFor({ timeout: 60_000 });
    const modelReadyMs = await panel.evaluate(() => performance.now());
    await panel.getByRole('button', { name: 'Pick a tab…' }).click();
    await panel.locator('[data-testid="live-face"][data-found="true"]').waitFor({ timeout: 30_000 });
    // Face identity on, as in a call where the candidate was told: its cost is part of the budget.
    await panel.getByTestId('identity-consent-yes').click();
    const [pipelineMs, firstFrameMs, candidateMs, firstLandmarksMs] = (
      (await health.getAttribute('data-startup')) ?? ''
    )
      .split(',')
      .map(Number);
    const samples = [];
    for (let s = 0; s < SAMPLE_S; s++) {
      await panel.waitForTimeout(1000);
      samples.push({
        fps: Number(await health.getAttribute('data-fps')),
        callFps: Number(await health.getAttribute('data-offered-fps')),
        busy: Number(await health.getAttribute('data-tracker-busy')),
        pageMs: Number(await health.getAttribute('data-page-ms')),
        pageBusy: Number(await health.getAttribute('data-page-busy')),
        p95: Number(await health.getAttribute('data-p95')),
        workP95: Number(await health.getAttribute('data-work-p95')),
        modelMs: Number(await health.getAttribute('data-model-ms')),
        modelP95: Number(await health.getAttribute('data-model-p95')),
        pixelsMs: Number(await health.getAttribute('data-pixels-ms')),
        describeMs: Number(await health.getAttribute('data-describe-ms')),
        checksMsPerSample: Number(
          (await panel.getByTestId('live-face-checks').getAttribute('data-ms-per-sample')) || NaN,
        ),
        mouthLumaStd: Number(await panel.getByTestId('live-face').getAttribute('data-mouth-luma-std')),
        flatRows: Number(await panel.getByTestId('live-face').getAttribute('data-mouth-flat-rows')),
        mouthVisible: (await panel.getByTestId('live-face').getAttribute('data-mouth-visible')) === 'true',
      });
    }
    const longestTaskMs = Number(await health.getAttribute('data-longest-task'));
    const longFrames = await longFramesSince(panel, pipelineMs);
    const lipSync = panel.getByTestId('live-lipsync');
    const [verdict, offset, evidence, candidateBox] = [
      await lipSync.getAttribute('data-verdict'),
      await lipSync.getAttribute('data-offset'),
      await lipSync.getAttribute('data-evidence'),
      await panel.getByTestId('live-candidate').getAttribute('data-box'),
    ];
    const liveOffset = `${verdict} ${offset} ms (${evidence}; candidate box ${candidateBox})`;
    const settings = await panel.getByTestId('live-meters').getAttribute('data-frame');
    const tracker = busiestWorkerTimes(await traceEvents(browser.context, panel, TRACE_S));
    // Read after the timed start, which these round trips would delay.
    const { delegate, reason } = await engineRunsOn(panel);
    await panel.getByRole('button', { name: 'Stop' }).click();
    await panel.close();
    const reopenMilestones = await reopenStarts(browser);
    const reopens = reopenMilestones.map((milestones) => milestones[3]);
    const reopenSteps = [0, 1, 2, 3].map((step) =>
      median(reopenMilestones.map((milestones) => milestones[step] - (milestones[step - 1] ?? 0))),
    );
    const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
    const fps = mean(samples.map((sample) => sample.fps));
    const p95 = Math.max(...samples.map((sample) => sample.p95));
    const p95Typical = median(samples.map((sample) => sample.p95));
    const workP95 = Math.max(...samples.map((sample) => sample.workP95));
    const of = (key) => samples.map((sample) => sample[key]);
    const ms = (value) => value.toFixed(0);
    const finiteMean = (values) => mean(values.filter(Number.isFinite));
    const describeMs = finiteMean(of('describeMs'));
    const modelMs = finiteMean(of('modelMs'));
    const callFps = finiteMean(of('callFps'));
    const busy = finiteMean(of('busy'));
    const pageMs = finiteMean(of('pageMs'));
    const pageBusy = finiteMean(of('pageBusy'));
    const finite = (key) => of(key).filter(Number.isFinite);
    const steps = [
      pipelineMs - modelReadyMs,
      firstFrameMs - pipelineMs,
      candidateMs - firstFrameMs,
      firstLandmarksMs - candidateMs,
    ];
    const mouth =
      `${Math.min(...of('mouthLumaStd')).toFixed(1)} / ${mean(of('mouthLumaStd')).toFixed(1)}; ` +
      `${mean(of('flatRows')).toFixed(2)} / ${Math.max(...of('flatRows')).toFixed(2)}; ` +
      `${samples.filter((x) => x.mouthVisible).length}/${samples.length}`;
    console.log(
      [
        '| live measure | value |',
        '| --- | --- |',
        `| capture size, tiles | ${settings}, ${fit} |`,
        `| the model runs on | ${delegate} ${reason ?? 'chosen by hand'} |`,
        `| panel open -> model loaded | ${modelReadyMs.toFixed(0)} ms |`,
        `| panel open -> first candidate landmarks (Start pressed at model load) | ${firstLandmarksMs.toFixed(0)} ms |`,
        '| of which: Start -> capture running, -> first frame, -> candidate proposed, -> its landmarks | ' +
          `${steps.map(ms).join(', ')} ms |`,
        `| panel open -> first candidate landmarks, Start pressed at once, ${REOPENS} more opens after it ` +
          `(caches warm; median; each) | ` +
          `${median(reopens).toFixed(0)} ms; ${reopens.map(ms).join(', ')} ms |`,
        '| of which (medians): panel open -> capture running, -> first frame, -> candidate proposed, ' +
          `-> its landmarks | ${reopenSteps.map(ms).join(', ')} ms |`,
        `| analysed fps over ${SAMPLE_S} s (mean of 2 s windows; min, max) | ${fps.toFixed(1)} ` +
          `(${Math.min(...of('fps')).toFixed(1)}, ${Math.max(...of('fps')).toFixed(1)}) |`,
        "| frames that reached the tracker worker per second (mean; the call's own rate) | " +
          `${callFps.toFixed(1)} |`,
        `| the tracker worker's busy share (mean of 2 s windows; min, max) | ${busy.toFixed(2)} ` +
          `(${Math.min(...finite('busy')).toFixed(2)}, ${Math.max(...finite('busy')).toFixed(2)}) |`,
        '| per-frame p95, from the frame reaching the tracker worker to its result leaving it, wait included ' +
          '(the way back to the page not counted: the two clocks differ; worst 2 s window; ' +
          `median window) | ${p95.toFixed(1)} ms; ${p95Typical.toFixed(1)} ms |`,
        "| the tracker worker's own time per frame, crop to result (p95 of the last 120 frames, worst sample) | " +
          `${workP95.toFixed(1)} ms |`,
        "| the model's own time per frame (median; p95 of the last 120 frames, worst sample) | " +
          `${modelMs.toFixed(1)} ms; ` +
          `${Math.max(...finite('modelP95')).toFixed(1)} ms |`,
        "| the face checks' pixel measures per frame (median, in the tracker worker) | " +
          `${mean(of('pixelsMs')).toFixed(2)} ms |`,
        `| the face-check analyzers per frame (last run over the 30 s window, in the analysis worker) | ${
          samples
            .map((sample) => sample.checksMsPerSample)
            .filter(Number.isFinite)
            .slice(-1)[0]
            ?.toFixed(3) ?? '-'
        } ms |`,
        '| the face descriptor per read of the candidate (median; one read every ' +
          `${describeEveryS} s, in the scanner worker, off the tracker's path) | ` +
          `${describeMs.toFixed(1)} ms = ${(describeMs / modelMs).toFixed(2)}x a frame's model time; ` +
          `${((100 * describeMs) / describeEveryS / 1000).toFixed(1)} % of one core |`,
        `| candidate's mouth, 1 s samples: luma std min / mean; flat-row share mean / max; seen visible | ${mouth} |`,
        `| the tracker's tasks in a ${TRACE_S} s trace after the run (${tracker?.tasks ?? 0}): ` +
          'wall time median / p95; the CPU time its thread got in them, median / p95 ' +
          '(the difference is waiting for a core) | ' +
          (tracker
            ? `${tracker.wallMs.median.toFixed(1)} / ${tracker.wallMs.p95.toFixed(1)} ms; ` +
              `${tracker.cpuMs.median.toFixed(1)} / ${tracker.cpuMs.p95.toFixed(1)} ms |`
            : 'no worker task in the trace |'),
        `| longest main-thread task | ${longestTaskMs.toFixed(0)} ms |`,
        `| frames with a task over 50 ms since Start: when, how long, the scripts in them | ${
          longFrames
            .map(
              ({ atS, durationMs, renderMs, scripts }) =>
                `${atS.toFixed(1)} s: ${durationMs.toFixed(0)} ms (${renderMs.toFixed(0)} ms rendering), ` +
                `${scripts.join(', ') || 'no script named'}`,
            )
            .join('; ') || 'none'
        } |`,
        "| the page's own time per tracked frame's result (median) = x the model's median | " +
          `${pageMs.toFixed(2)} ms = ${(pageMs / modelMs).toFixed(3)}x |`,
        "| share of the page's thread in the pipeline's handlers (results, its frame copy, sound; mean) | " +
          `${pageBusy.toFixed(3)} |`,
        `| lip sync of the candidate (${basename(candidate)}) after ${SAMPLE_S} s | ${liveOffset} |`,
        '',
        `LIVE fps=${fps.toFixed(1)} p95ms=${p95.toFixed(1)} workp95ms=${workP95.toFixed(1)} ` +
          `longtaskms=${longestTaskMs.toFixed(0)} ` +
          `describems=${describeMs.toFixed(1)} modelms=${modelMs.toFixed(1)} busy=${busy.toFixed(2)} ` +
          `callfps=${callFps.toFixed(1)} pagems=${pageMs.toFixed(2)} pagebusy=${pageBusy.toFixed(3)} ` +
          `delegate=${delegate}`,
        `COLD first_landmarks_ms=${median(reopens).toFixed(0)} first_open_ms=${firstLandmarksMs.toFixed(0)}`,
        `RATIO analysed_per_call_frame=${(fps / callFps).toFixed(2)} p95_over_model=${(p95 / modelMs).toFixed(2)} ` +
          `work_p95_over_model=${(workP95 / modelMs).toFixed(2)} ` +
          `tracker_cpu_p95_over_model=${((tracker?.cpuMs.p95 ?? NaN) / modelMs).toFixed(2)}`,
      ].join('\n'),
    );
  } finally {
    await browser.close();
    await server.close();
  }
}
