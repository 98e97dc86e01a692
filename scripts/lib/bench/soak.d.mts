export const median: (values: number[]) => number;

export function isWorkTarget(target: { type: string; url: string }): boolean;
export function targetLabel(target: { type: string; url: string }): string;

export interface HeapReading {
  label: string;
  isolateId: string;
  usedBytes: number;
  buffersBytes: number;
}
export function heapsByIsolate(readings: HeapReading[]): { label: string; usedBytes: number; buffersBytes: number }[];

export interface SoakRow {
  minute: number;
  fps: number;
  heapMb: number;
  sessionBytes: number;
}
export function soakVerdict(rows: SoakRow[]): {
  heapGrowth: number;
  fpsEarly: number;
  fpsLate: number;
  fpsRatio: number;
  hourBytes: number;
  steady: boolean;
  line: string;
};

export function decayPlace(fps: { early: number; late: number; freshPipeline: number; freshBrowser: number }): string;
export function cpuShares(previous: number[] | null, now: number[] | null): { busy: number; steal: number };

export function benchSoak(media: string, minutes: number, candidate?: string): Promise<void>;
