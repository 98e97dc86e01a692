/**
 * Shared generators and checks for the import fuzz tests (tests/unit/fuzz/*.test.ts): valid
 * documents mutated, truncated, given another version or kind, hostile JSON (prototype keys, deep
 * nesting, very long keys) and random bytes; and the checks every import's answer must pass.
 */
import fc from 'fast-check';
import { expect } from 'vitest';

/**
 * The one seed of the fuzz suite, so CI runs the same inputs every time; a failing property
 * prints its seed and path, which replay it. Seed used: 20261129.
 */
export const FUZZ_SEED = 20261129;
fc.configureGlobal({ seed: FUZZ_SEED, numRuns: 200 });

export type Path = readonly (string | number)[];
type Json = Record<string, unknown> | unknown[];

const isContainer = (value: unknown): value is Json => typeof value === 'object' && value !== null;

/** Every node of a JSON document with its path, the root first. */
export function nodes(doc: unknown): { path: Path; value: unknown }[] {
  const found: { path: Path; value: unknown }[] = [];
  const visit = (value: unknown, path: Path) => {
    found.push({ path, value });
    if (Array.isArray(value)) value.forEach((item, index) => visit(item, [...path, index]));
    else if (isContainer(value)) for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
  };
  visit(doc, []);
  return found;
}

function getAt(root: unknown, path: Path): unknown {
  let value = root;
  for (const step of path) value = (value as Record<string | number, unknown>)[step];
  return value;
}

/** Sets a key as an own data property even when it is "__proto__" (plain assignment would set the prototype). */
function define(target: Json, key: string | number, value: unknown): void {
  if (Array.isArray(target) && typeof key === 'number') target[key] = value;
  else Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The document with the node at `path` replaced (the root: `value` itself). */
function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  define(getAt(root, path.slice(0, -1)) as Json, path[path.length - 1] as string | number, value);
  return root;
}

/** A deep copy through JSON text: own "__proto__" keys stay own keys (JSON.parse defines them). */
export const copy = <T>(doc: T): T => JSON.parse(JSON.stringify(doc)) as T;

// ---- Mutations of a valid document -------------------------------------------------------------

export type Mutation =
  | { kind: 'delete'; pick: number }
  | { kind: 'retype'; pick: number; value: unknown }
  | { kind: 'rename'; pick: number; key: string }
  | { kind: 'number'; pick: number; value: number }
  | { kind: 'string'; pick: number; value: string }
  | { kind: 'array'; pick: number; how: 'empty' | 'duplicate' | 'reverse' };

const controlChars = fc.string({ unit: fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c)) });

export const oddNumber = fc.oneof(
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -1, -0, 0, 0.5, 1e308, -1e308, 2 ** 53 + 2, Number.MIN_VALUE, 1e21),
  fc.double(),
  fc.integer(),
);

export const oddString = fc.oneof(
  fc.constantFrom('', ' ', '\u0000', '\ud800', '\u202e', '\ufeff', '💥', '<b>x</b>', '../../x', 'x'.repeat(5000)),
  fc.string({ unit: 'binary', maxLength: 40 }),
  controlChars,
);

const oddValue = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, '', 'x', [], {}, [null], { kind: 'x' }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Object keys that name the prototype chain, and ordinary or odd ones. */
export const protoKey = fc.constantFrom('__proto__', 'constructor', 'prototype');
const anyKey = fc.oneof(protoKey, fc.string({ maxLength: 12 }), controlChars);

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('retype' as const), pick: fc.nat(), value: oddValue }),
  fc.record({ kind: fc.constant('rename' as const), pick: fc.nat(), key: anyKey }),
  fc.record({ kind: fc.constant('number' as const), pick: fc.nat(), value: oddNumber }),
  fc.record({ kind: fc.constant('string' as const), pick: fc.nat(), value: oddString }),
  fc.record({
    kind: fc.constant('array' as const),
    pick: fc.nat(),
    how: fc.constantFrom('empty' as const, 'duplicate' as const, 'reverse' as const),
  }),
);

/** The nodes a mutation of this kind can apply to (deleting or renaming the root means nothing). */
function targets(doc: unknown, kind: Mutation['kind']): { path: Path; value: unknown }[] {
  const all = nodes(doc);
  switch (kind) {
    case 'delete':
      return all.filter(({ path }) => path.length > 0);
    case 'rename':
      return all.filter(({ path }) => typeof path[path.length - 1] === 'string');
    case 'number':
      return all.filter(({ value }) => typeof value === 'number');
    case 'string':
      return all.filter(({ value }) => typeof value === 'string');
    case 'array':
      return all.filter(({ value }) => Array.isArray(value));
    case 'retype':
      return all;
  }
}

/**
 * Applies the mutations in turn to a copy of `doc`; returns it with the paths changed (empty when
 * no node fitted, so the document is unchanged).
 */
export function mutate(doc: unknown, mutations: readonly Mutation[]): { doc: unknown; paths: Path[] } {
  let result: unknown = copy(doc);
  const paths: Path[] = [];
  for (const change of mutations) {
    const fitting = targets(result, change.kind);
    const target = fitting[change.pick % Math.max(1, fitting.length)];
    if (!target) continue;
    const { path, value } = target;
    paths.push(path);
    const parentPath = path.slice(0, -1);
    const last = path[path.length - 1];
    if (change.kind === 'delete') {
      const parent = getAt(result, parentPath) as Json;
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else Reflect.deleteProperty(parent, last as string);
    } else if (change.kind === 'rename') {
      const parent = getAt(result, parentPath) as Record<string, unknown>;
      const renamed = {};
      for (const [key, item] of Object.entries(parent)) define(renamed, key === last ? change.key : key, item);
      result = setAt(result, parentPath, renamed);
    } else if (change.kind === 'array') {
      const list = value as unknown[];
      const next = change.how === 'empty' ? [] : change.how === 'duplicate' ? [...list, ...copy(list)] : list.reverse();
      result = setAt(result, path, next);
    } else {
      result = setAt(result, path, change.value);
    }
  }
  return { doc: result, paths };
}

/** A string leaf (or, lacking one, any node) replaced by a string of `length` characters. */
export function withHugeString(doc: unknown, pick: number, length: number, char: string): unknown {
  const strings = nodes(doc).filter(({ value }) => typeof value === 'string');
  const target = strings[pick % Math.max(1, strings.length)] ?? { path: [] };
  return setAt(copy(doc), target.path, char.repeat(length));
}

/** An array (or, lacking one, the root) grown to `length` copies of its elements. */
export function withHugeArray(doc: unknown, pick: number, length: number): unknown {
  const arrays = nodes(doc).filter(({ value }) => Array.isArray(value));
  const target = arrays[pick % Math.max(1, arrays.length)];
  if (!target) return doc;
  const list = target.value as unknown[];
  const item = list[0] ?? null;
  return setAt(
    copy(doc),
    target.path,
    Array.from({ length }, (_, i) => list[i % list.length] ?? item),
  );
}

// ---- Hostile JSON ------------------------------------------------------------------------------

/** Values that, assigned carelessly, would reach Object.prototype (JSON.parse keeps "__proto__" as an own key). */
const POLLUTERS = [
  '{"polluted":"yes"}',
  '{"prototype":{"polluted":"yes"}}',
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '[{"__proto__":{"polluted":"yes"}}]',
  '"yes"',
  '1',
  'null',
];

export type Hostile =
  | { kind: 'proto-key'; pick: number; key: string; value: string }
  | { kind: 'deep'; pick: number; depth: number; shape: 'array' | 'object' | 'proto' }
  | { kind: 'long-key'; pick: number; length: number; value: string };

export const hostile: fc.Arbitrary<Hostile> = fc.oneof(
  fc.record({
    kind: fc.constant('proto-key' as const),
    pick: fc.nat(),
    key: protoKey,
    value: fc.constantFrom(...POLLUTERS),
  }),
  fc.record({
    kind: fc.constant('deep' as const),
    pick: fc.nat(),
    depth: fc.constantFrom(100, 1000, 10_000),
    shape: fc.constantFrom('array' as const, 'object' as const, 'proto' as const),
  }),
  fc.record({
    kind: fc.constant('long-key' as const),
    pick: fc.nat(),
    length: fc.constantFrom(1000, 100_000),
    value: fc.constantFrom('"x"', '1', 'null', '{}', '[]', POLLUTERS[0] as string),
  }),
);

/** Stands for a value spliced into the JSON text after stringify (deep nesting is not built as objects). */
const TOKEN = 'FUZZ-SPLICE-7f3a';

function nested(depth: number, shape: 'array' | 'object' | 'proto'): string {
  if (shape === 'array') return '['.repeat(depth) + ']'.repeat(depth);
  const key = shape === 'object' ? '"a"' : '"__proto__"';
  return `{${key}:`.repeat(depth) + '{"polluted":"yes"}' + '}'.repeat(depth);
}

/** The document as JSON text with the hostile change made (some are only possible in text). */
export function hostileText(doc: unknown, change: Hostile): string {
  const all = nodes(doc);
  if (change.kind === 'deep') {
    const target = all[change.pick % all.length] ?? { path: [] };
    const text = JSON.stringify(setAt(copy(doc), target.path, TOKEN));
    return text.replace(`"${TOKEN}"`, nested(change.depth, change.shape));
  }
  const objects = all.filter(({ value }) => isContainer(value) && !Array.isArray(value));
  const target = objects[change.pick % Math.max(1, objects.length)];
  const result = copy(doc);
  if (!target) return JSON.stringify(result);
  const key = change.kind === 'proto-key' ? change.key : 'k'.repeat(change.length);
  define(getAt(result, target.path) as Json, key, TOKEN);
  return JSON.stringify(result).replace(`"${TOKEN}"`, change.value);
}

/** A version that is not the current one: older, newer, far newer, fractional, negative, or not a number. */
export const wrongVersion = (current: number) =>
  fc.oneof(
    fc.integer({ min: current + 1, max: 1_000_000 }),
    fc.constantFrom(0, -1, current + 0.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2),
    fc.constantFrom(String(current), `${current}.0`, null, true, [current], { v: current }),
  );

/** JSON text cut at any point before its end (a cut only through trailing white space is still whole). */
export const cut = (text: string) => fc.nat({ max: text.trimEnd().length - 1 }).map((end) => text.slice(0, end));

/** Random bytes read as text the way File.text() does (bad UTF-8 becomes U+FFFD), and random strings. */
export const randomText = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }).map((bytes) => new TextDecoder().decode(bytes)),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.json({ maxDepth: 4 }),
);

// ---- Checks ------------------------------------------------------------------------------------

/** The problem text shown to the interviewer: longest any of the tests needs, with the path of a field. */
export const MAX_PROBLEM_CHARS = 1000;

/**
 * A problem is a plain sentence: not empty, not huge, ends as a sentence, and shows nothing of the
 * code (no stack frame, no file path, no "[object Object]" or "undefined").
 */
export function expectPlainProblem(problem: unknown, maxChars = MAX_PROBLEM_CHARS): void {
  expect(typeof problem).toBe('string');
  const text = problem as string;
  expect(text.length, text.slice(0, 300)).toBeGreaterThanOrEqual(20);
  expect(text.length, text.slice(0, 300)).toBeLessThanOrEqual(maxChars);
  expect(text.trim()).toBe(text);
  expect(text).toMatch(/[.?!)]$/);
  expect(text).not.toMatch(/\n\s*at |\bat .*\.(ts|js|mjs|cjs|tsx)\b|\w+\.(ts|js):\d+/);
  expect(text).not.toContain('[object Object]');
  expect(text).not.toMatch(/\bundefined\b/);
  // eslint-disable-next-line no-control-regex -- a message shows no control characters from the file
  expect(text).not.toMatch(/[\u0000-\u001f\u007f]/);
}

/** The path named in a " at a.b.c: ..." problem, or null when it names none. */
export function namedPath(problem: string): string | null {
  return / at ([^\s:]+):/.exec(problem)?.[1] ?? null;
}

/**
 * When the problem names a field, that field is under (or above) one of the fields changed, so it
 * points the reader at what is wrong: its first step is the first step of a changed path, or of a
 * field that refers to it (`related`: e.g. answers name items, so a changed item may fault an answer).
 */
export function expectNamesChangedField(
  problem: string,
  changed: readonly Path[],
  related: Readonly<Record<string, readonly string[]>> = {},
): void {
  const where = namedPath(problem);
  if (where === null || changed.length === 0 || changed.some((path) => path.length === 0)) return;
  const firstSteps = new Set(changed.flatMap((path) => [String(path[0]), ...(related[String(path[0])] ?? [])]));
  expect([...firstSteps], problem.slice(0, 300)).toContain(where.split('.')[0]);
}

const PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();
const ARRAY_PROTO_NAMES = Object.getOwnPropertyNames(Array.prototype).sort();

/** Nothing was added to the shared prototypes (a parse that assigned "__proto__" keys would). */
export function expectNoPollution(): void {
  expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  expect(([] as unknown as { polluted?: unknown }).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTO_NAMES);
  expect(Object.getOwnPropertyNames(Array.prototype).sort()).toEqual(ARRAY_PROTO_NAMES);
}

const PLAIN_PROTOTYPES: readonly unknown[] = [Object.prototype, Array.prototype, Map.prototype, Set.prototype, null];

/** Every object of a parse result is a plain object or array: no prototype was taken from the file. */
export function expectPlainObjects(value: unknown): void {
  // Plain checks, one expect at the end: a huge result has tens of thousands of objects.
  const odd: string[] = [];
  const stack: unknown[] = [value];
  while (stack.length > 0 && odd.length === 0) {
    const item = stack.pop();
    if (typeof item !== 'object' || item === null || ArrayBuffer.isView(item)) continue;
    if (!PLAIN_PROTOTYPES.includes(Object.getPrototypeOf(item))) odd.push('an object with a prototype from the file');
    if ((item as { polluted?: unknown }).polluted !== undefined) odd.push('an object with a "polluted" key');
    stack.push(...Object.values(item));
  }
  expect(odd).toEqual([]);
}

/** Counts what one import's properties saw, for the FUZZ line each file prints. */
export function tally(name: string) {
  const counts = { runs: 0, problems: 0, valid: 0 };
  return {
    /** Records one answer of the import: `problem` is its message, or null when it read the file. */
    count(problem: string | null): void {
      counts.runs++;
      if (problem === null) counts.valid++;
      else counts.problems++;
    },
    line: () => `FUZZ ${name} runs=${counts.runs} problems=${counts.problems} valid=${counts.valid}`,
  };
}
