import { useCallback, useMemo, useRef, useState } from 'react';
import {
  combineResults,
  parseResults,
  RESULTS_MAX_BYTES,
  type DrillResults,
  type TrainerTable,
} from '@/utils/drills/scoring';
import { messageOf } from '@/utils/common/error-message';

/** One trainee's results and the file they came from. */
export interface TraineeFile {
  fileName: string;
  results: DrillResults;
}

/** Why a chosen file, or a whole choice of files, was not added. */
export interface TrainerProblem {
  /** 'file': one file cannot be read as results; 'set': the files chosen together would not combine with the set. */
  about: 'file' | 'set';
  /** The files it concerns, as chosen. */
  fileNames: string[];
  text: string;
}

async function readResults(file: File): Promise<TraineeFile | TrainerProblem> {
  const problem = (text: string): TrainerProblem => ({ about: 'file', fileNames: [file.name], text });
  try {
    // parseResults refuses an oversized file by its size alone, so it is never read into memory.
    const text = file.size > RESULTS_MAX_BYTES ? '' : await file.text();
    const read = parseResults(text, file.size);
    return 'results' in read ? { fileName: file.name, results: read.results } : problem(read.problem);
  } catch (error) {
    // The file went away or became unreadable after it was chosen.
    return problem(`This file could not be read (${messageOf(error)}).`);
  }
}

/**
 * Several trainees' results files for the trainer view. The set always combines into one table:
 * a damaged file is left out alone, and a choice that would mix packs or repeat a drill adds nothing.
 */
export function useTrainerResults() {
  const [files, setFiles] = useState<TraineeFile[]>([]);
  const [problems, setProblems] = useState<TrainerProblem[]>([]);
  const [reading, setReading] = useState(false);
  // The set as last committed, so an import that finishes after another adds to it rather than replacing it.
  const current = useRef<TraineeFile[]>([]);

  const commit = useCallback((next: TraineeFile[]) => {
    current.current = next;
    setFiles(next);
  }, []);

  const importFiles = useCallback(
    async (chosen: readonly File[]) => {
      setReading(true);
      const read = await Promise.all(chosen.map(readResults));
      setReading(false);
      const added = read.filter((entry): entry is TraineeFile => 'results' in entry);
      const found = read.filter((entry): entry is TrainerProblem => 'text' in entry);
      if (added.length > 0) {
        const next = [...current.current, ...added];
        const combined = combineResults(next.map((entry) => entry.results));
        if ('problem' in combined)
          found.push({ about: 'set', fileNames: added.map((entry) => entry.fileName), text: combined.problem });
        else commit(next);
      }
      setProblems(found);
    },
    [commit],
  );

  const remove = useCallback(
    (index: number) => commit(current.current.filter((_, other) => other !== index)),
    [commit],
  );

  const clear = useCallback(() => {
    commit([]);
    setProblems([]);
  }, [commit]);

  // Null while no file is chosen; otherwise the set combines (importFiles keeps it so).
  const table = useMemo((): TrainerTable | null => {
    const combined = combineResults(files.map((entry) => entry.results));
    return 'problem' in combined ? null : combined;
  }, [files]);

  return { files, table, problems, reading, importFiles, remove, clear };
}
