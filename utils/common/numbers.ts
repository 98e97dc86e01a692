/** `value` rounded to `digits` decimals, or null when it is not finite (JSON has no NaN). */
export function roundOrNull(value: number, digits: number): number | null {
  return Number.isFinite(value) ? Number(value.toFixed(digits)) : null;
}

/** Milliseconds as seconds rounded to `digits` decimals (2: durations a person reads in a sentence). */
export function msToS(ms: number, digits = 2): number {
  return Number((ms / 1000).toFixed(digits));
}
