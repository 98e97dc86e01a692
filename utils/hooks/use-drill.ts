import { useCallback, useEffect, useRef, useState } from 'react';
import type { LandmarkerClient } from '@/utils/engine/landmarker-client';
import { drillOrder } from '@/utils/drills/order';
import { packId as idOfPack, type PackItem } from '@/utils/drills/pack';
import type { Answer } from '@/utils/drills/scoring';
import type { Finding } from '@/utils/findings/finding';
import { analyzeFile } from '@/utils/recording/analyze-file';
import { recordingFailureText } from '@/utils/recording/open-recording';
import {
  buildQuickDrill,
  openPackManifest,
  openPackZip,
  sha256Hex,
  type OpenPack,
  type VariantProgress,
} from '@/utils/recording/drill-variants';
import { RECORDING_MAX_FPS } from '@/utils/report/recording-pass';
import { lipSyncVerdictTitle, NO_AUDIO_TITLE } from '@/utils/wording/lip-sync';
import { messageOf } from '@/utils/common/error-message';

/** What Liveproof measured on one item's clip, analysed in the background while the trainee answers. */
export type ItemAnalysis =
  | { state: 'waiting' }
  | { state: 'running'; progress: number }
  | { state: 'done'; findings: Finding[]; lipSync: string }
  | { state: 'failed'; message: string };

export interface DrillRun {
  open: OpenPack;
  packId: string;
  seed: number;
  trainee: string;
  engineOn: boolean;
  startedAtMs: number;
  /** The items in the order shown (drillOrder with the seed), each with a playable URL. */
  items: { item: PackItem; url: string; file: File }[];
}

/** Shown from the click until the maker reports: the clips are being read. */
const STARTING: VariantProgress = { done: 0, total: 0, current: '', fraction: 0 };

export interface DrillSetup {
  trainee: string;
  seed: number;
  engineOn: boolean;
}

/**
 * One drill: made from the trainer's clips (a quick drill) or opened from a pack, its items in
 * the seeded order, every clip analysed in the background in that order, and the answers so far.
 */
export function useDrill(clientsRef: React.RefObject<LandmarkerClient[]>) {
  const [run, setRun] = useState<DrillRun | null>(null);
  const [preparing, setPreparing] = useState<VariantProgress | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [answers, setAnswers] = useState<Answer[]>([]);
  const [analyses, setAnalyses] = useState<Record<string, ItemAnalysis>>({});
  const urls = useRef<string[]>([]);
  /** The background analysis of the last drill: the next one waits for it, so the worker serves one clip at a time. */
  const analysing = useRef<Promise<void>>(Promise.resolve());

  const release = () => {
    urls.current.forEach((url) => URL.revokeObjectURL(url));
    urls.current = [];
  };
  useEffect(() => release, []);

  const begin = useCallback(async (open: OpenPack, setup: DrillSetup) => {
    release();
    const items = drillOrder(open.pack.items, setup.seed).map((item) => {
      const file = open.clips.get(item.clip.name) as File;
      const url = URL.createObjectURL(file);
      urls.current.push(url);
      return { item, url, file };
    });
    setAnswers([]);
    setAnalyses(Object.fromEntries(items.map(({ item }) => [item.id, { state: 'waiting' } as ItemAnalysis])));
    setRun({
      open,
      packId: await idOfPack(open.pack, sha256Hex),
      seed: setup.seed,
      trainee: setup.trainee,
      engineOn: setup.engineOn,
      startedAtMs: Date.now(),
      items,
    });
  }, []);

  const quickDrill = useCallback(
    async (files: readonly File[], setup: DrillSetup) => {
      setProblem(null);
      setPreparing(STARTING);
      try {
        const open = await buildQuickDrill(files, setup.seed, setPreparing);
        await begin(open, setup);
      } catch (error) {
        setProblem(messageOf(error));
      } finally {
        setPreparing(null);
      }
    },
    [begin],
  );

  /** A pack zip, or a pack.json with its clips chosen alongside. */
  const openPack = useCallback(
    async (files: readonly File[], setup: DrillSetup) => {
      const manifest = files.find((file) => file.name.toLowerCase().endsWith('.json'));
      const file = manifest ?? (files[0] as File);
      setProblem(null);
      setPreparing(STARTING);
      try {
        const open = manifest
          ? await openPackManifest(
              manifest,
              files.filter((other) => other !== manifest),
            )
          : await openPackZip(file);
        if ('problem' in open) setProblem(`${file.name}: ${open.problem}`);
        else await begin(open, setup);
      } catch (error) {
        setProblem(`${file.name}: ${messageOf(error)}`);
      } finally {
        setPreparing(null);
      }
    },
    [begin],
  );

  // The clips are analysed one after the other, in the order the trainee meets them.
  useEffect(() => {
    if (!run) return;
    let stopped = false;
    analysing.current = analysing.current.then(async () => {
      for (const { item, file } of run.items) {
        // The model may still be loading when the drill starts.
        while (!stopped && clientsRef.current.length === 0) await new Promise((done) => setTimeout(done, 250));
        const clients = clientsRef.current;
        if (stopped) return;
        const set = (analysis: ItemAnalysis) => {
          if (!stopped) setAnalyses((all) => ({ ...all, [item.id]: analysis }));
        };
        set({ state: 'running', progress: 0 });
        try {
          const analysis = await analyzeFile(file, clients, (progress) => set({ state: 'running', progress }), {
            maxFps: RECORDING_MAX_FPS,
          });
          set({
            state: 'done',
            findings: analysis.report.findings,
            lipSync: analysis.pass.hasAudio ? lipSyncVerdictTitle(analysis.lipSync.overall) : NO_AUDIO_TITLE,
          });
        } catch (error) {
          set({ state: 'failed', message: recordingFailureText(error) });
        }
      }
    });
    return () => {
      stopped = true;
    };
  }, [run, clientsRef]);

  const answer = useCallback((given: Answer) => setAnswers((all) => [...all, given]), []);
  const reset = useCallback(() => {
    release();
    setRun(null);
    setAnswers([]);
    setAnalyses({});
  }, []);

  return { run, preparing, problem, answers, analyses, quickDrill, openPack, answer, reset };
}
