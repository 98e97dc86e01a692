/**
 * Checklist template import fuzzed: the panel reads a file with parseTemplate and keeps it with
 * withImported and saveTemplates; the saved templates are read back with loadTemplates. Seed: FUZZ_SEED.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultTemplate, parseTemplate, templateToJson, type Template } from '@/utils/checklist/prompts';
import { addPrompt, defaultSavedTemplates, setHidden, withImported, withTemplate } from '@/utils/checklist/templates';
import { loadTemplates, saveTemplates } from '@/utils/storage/templates';
import type { KeyValueStorage } from '@/utils/storage/key-value-storage';
import { memoryStorage } from '../../support/memory-storage';
import {
  copy,
  cut,
  expectNamesChangedField,
  expectNoPollution,
  expectPlainObjects,
  expectPlainProblem,
  hostile,
  hostileText,
  mutate,
  mutation,
  randomText,
  tally,
  withHugeArray,
  withHugeString,
  wrongVersion,
} from './json-fuzz';

/** The built-in template, and an edited one: renamed, a prompt hidden, one of the interviewer's own added. */
function templates(): Template[] {
  const own = addPrompt(setHidden(defaultTemplate('Graduate'), 'show-room', true), {
    group: 'technical',
    say: 'Walk me through the last pull request you reviewed.',
    why: '',
    watch: 'Reading from another screen.',
  });
  if (!('template' in own)) throw new Error(own.problem);
  return [defaultTemplate(), own.template];
}
const FIXTURES = templates().map((template) => JSON.parse(templateToJson(template)) as Record<string, unknown>);
const anyFixture = fc.constantFrom(...FIXTURES);
const seen = tally('templates');

type Read = { template: Template } | { problem: string };

function fromText(text: string): Read {
  const read = parseTemplate(text);
  seen.count('problem' in read ? read.problem : null);
  if ('problem' in read) expectPlainProblem(read.problem);
  else expectPlainObjects(read.template);
  expectNoPollution();
  return read;
}

afterAll(() => console.log(seen.line()));

describe('checklist template import, fuzzed', () => {
  it('should read the exported templates, the same after a round trip', () => {
    for (const [index, template] of templates().entries())
      expect(fromText(JSON.stringify(FIXTURES[index]))).toEqual({ template });
  });

  it('should answer a mutated template with a template or a problem naming the field', () => {
    fc.assert(
      fc.property(anyFixture, fc.array(mutation, { minLength: 1, maxLength: 3 }), (fixture, mutations) => {
        const { doc, paths } = mutate(fixture, mutations);
        const read = fromText(JSON.stringify(doc));
        if ('problem' in read) expectNamesChangedField(read.problem, paths);
      }),
    );
  });

  it('should refuse a truncated file as not JSON', () => {
    const texts = FIXTURES.map((fixture) => JSON.stringify(fixture, null, 2));
    fc.assert(
      fc.property(
        fc.constantFrom(...texts).chain((text) => cut(text)),
        (text) => {
          expect(fromText(text)).toEqual({ problem: expect.stringContaining('not JSON') });
        },
      ),
    );
  });

  it('should refuse another schemaVersion, naming a newer one', () => {
    fc.assert(
      fc.property(anyFixture, wrongVersion(1), (fixture, version) => {
        const read = fromText(JSON.stringify({ ...copy(fixture), schemaVersion: version }));
        const newer = typeof version === 'number' && Number.isInteger(version) && version > 1;
        // JSON has no 1e308 * 10: the text of a number is what a newer file would hold.
        const words = newer ? `newer Liveproof (schema version ${version})` : 'at schemaVersion';
        expect(read).toEqual({ problem: expect.stringContaining(words) });
      }),
    );
  });

  it('should refuse a file of another kind', () => {
    const otherKind = fc.oneof(
      fc.constantFrom('liveproof-session', 'liveproof-drill-pack', '', null, 1),
      fc.string({ maxLength: 30 }).filter((kind) => kind !== 'liveproof-checklist-template'),
    );
    fc.assert(
      fc.property(anyFixture, otherKind, (fixture, kind) => {
        const read = fromText(JSON.stringify({ ...copy(fixture), kind }));
        expect(read).toEqual({ problem: expect.stringContaining('not a Liveproof checklist template at kind') });
      }),
    );
  });

  it('should survive hostile JSON: prototype keys, 10^4 levels of nesting, very long keys', () => {
    fc.assert(fc.property(anyFixture, hostile, (fixture, change) => void fromText(hostileText(fixture, change))));
  });

  it('should read a valid template the same with "__proto__" keys added anywhere', () => {
    fc.assert(
      fc.property(anyFixture, fc.nat(), (fixture, pick) => {
        const change = { kind: 'proto-key' as const, pick, key: '__proto__', value: '{"polluted":"yes"}' };
        expect(fromText(hostileText(fixture, change))).toEqual(fromText(JSON.stringify(fixture)));
      }),
    );
  });

  it('should refuse oversized strings and arrays in words of a sensible length', () => {
    fc.assert(
      fc.property(anyFixture, fc.nat(), fc.constantFrom('x', ' ', '\u0000', '€'), (fixture, pick, char) => {
        fromText(JSON.stringify(withHugeString(fixture, pick, 1_000_000, char)));
      }),
      { numRuns: 15 },
    );
    fc.assert(
      fc.property(anyFixture, fc.nat(), (fixture, pick) => {
        fromText(JSON.stringify(withHugeArray(fixture, pick, 10_000)));
      }),
      { numRuns: 15 },
    );
  }, 30_000);

  it('should answer random bytes and random JSON', () => {
    fc.assert(fc.property(randomText, (text) => void fromText(text)));
  });
});

describe('checklist template import into the saved templates, fuzzed', () => {
  const KEY = 'checklistTemplates';
  const [standard, graduate] = templates() as [Template, Template];
  const stored = withTemplate(withTemplate(defaultSavedTemplates(), graduate), standard);

  /** What the checklist editor does with a chosen file (use-checklist importJson, less React). */
  async function importFile(storage: KeyValueStorage, text: string): Promise<boolean> {
    const { saved } = await loadTemplates(storage);
    const read = fromText(text);
    if ('problem' in read) return false;
    return (await saveTemplates(storage, withImported(saved, read.template))) === null;
  }

  it('should keep every saved template as it was, and save nothing from a refused file', async () => {
    const file = fc.oneof(
      fc
        .array(mutation, { minLength: 1, maxLength: 3 })
        .chain((mutations) => anyFixture.map((fixture) => JSON.stringify(mutate(fixture, mutations).doc))),
      anyFixture.chain((fixture) => hostile.map((change) => hostileText(fixture, change))),
      cut(JSON.stringify(FIXTURES[1])),
      randomText,
    );
    await fc.assert(
      fc.asyncProperty(file, async (text) => {
        const storage = memoryStorage();
        await storage.set({ [KEY]: stored });
        const imported = await importFile(storage, text);
        const after = (await storage.get(KEY))[KEY] as typeof stored;
        if (!imported) expect(after).toEqual(stored);
        else {
          expect(after.templates).toHaveLength(stored.templates.length + 1);
          expect(after.templates).toEqual(expect.arrayContaining(stored.templates));
        }
      }),
    );
  });

  it('should read damaged saved templates as the standard one with a problem, leaving them stored', async () => {
    const value = fc.oneof(
      fc.array(mutation, { minLength: 1, maxLength: 3 }).map((mutations) => mutate(stored, mutations).doc),
      // Kept as text until the run: fast-check's report of a deep object overflows the stack. Stored
      // values went through saveTemplates' schema, so 10^3 levels stand in (structuredClone stops at 10^4).
      hostile
        .filter((change) => change.kind !== 'deep' || change.depth <= 1000)
        .map((change) => ({ text: hostileText(stored, change) })),
      fc.anything({ withNullPrototype: true, withMap: true, withSet: true, withBigInt: true }),
    );
    await fc.assert(
      fc.asyncProperty(value, async (generated) => {
        const isText = typeof generated === 'object' && generated !== null && 'text' in generated;
        const damaged: unknown = isText ? JSON.parse((generated as { text: string }).text) : generated;
        const storage = memoryStorage();
        await storage.set({ [KEY]: damaged });
        const before = await storage.get(KEY);
        const read = await loadTemplates(storage);
        seen.count(read.problem);
        if (read.problem !== null) {
          expectPlainProblem(read.problem);
          expect(read.saved).toEqual(defaultSavedTemplates());
        } else expectPlainObjects(read.saved);
        expect(await storage.get(KEY)).toEqual(before);
        expectNoPollution();
      }),
    );
  });
});
