/** m:ss (or h:mm:ss) from seconds, for call and media times. */
export function formatClock(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** "2026-11-26 14:05" in UTC, for titles and exports read in other time zones. */
export const utcMinute = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/** "2026-11-26" in UTC. */
export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
