import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** The rule ids ESLint reports for `code` as if it were the file at `filePath`. */
async function ruleIds(code: string, filePath: string): Promise<(string | null)[]> {
  const [result] = await new ESLint({ cwd: ROOT }).lintText(code, { filePath: join(ROOT, filePath) });
  return (result?.messages ?? []).map((message) => message.ruleId);
}

describe('layer rules (eslint.config.js)', () => {
  it.each([
    [
      'pure code importing the browser edge',
      'utils/features/probe.ts',
      "import { LivePipeline } from '@/utils/live/live-pipeline';",
    ],
    [
      'a lower pure folder importing a higher one',
      'utils/features/probe.ts',
      "import { analyzeFaceChecks } from '@/utils/analyzers/face';",
    ],
    ['pure code importing the store', 'utils/sessions/probe.ts', "import { useAppStore } from '@/utils/store';"],
    ['pure code importing React', 'utils/checklist/probe.ts', "import { useState } from 'react';"],
    [
      'pure code importing across folders by a relative path',
      'utils/analyzers/probe.ts',
      "import { median } from '../common/stats';",
    ],
    ['the edge importing the store', 'utils/live/probe.ts', "import { useAppStore } from '@/utils/store';"],
    [
      'the edge importing a hook',
      'utils/recording/probe.ts',
      "import { useSessionDb } from '@/utils/hooks/use-sessions';",
    ],
    [
      'the store importing a hook',
      'utils/store/probe.ts',
      "import { useSessionDb } from '@/utils/hooks/use-sessions';",
    ],
    ['a hook importing a component', 'utils/hooks/probe.ts', "import { Brand } from '@/components/shared/Brand';"],
    [
      'a component running edge code',
      'components/shared/Probe.tsx',
      "import { SessionDb } from '@/utils/storage/session-db';",
    ],
  ])('should refuse %s', async (_case, filePath, line) => {
    expect(await ruleIds(`${line}\nexport const used = [${line.match(/\{ (\w+) \}/)?.[1]}];\n`, filePath)).toContain(
      'no-restricted-imports',
    );
  });

  it('should refuse browser globals in pure code', async () => {
    const ids = await ruleIds(
      'export const now = () => window.performance.now() + setTimeout.length;\n',
      'utils/features/probe.ts',
    );
    expect(ids.filter((id) => id === 'no-restricted-globals')).toHaveLength(2);
  });

  it.each([
    [
      'a higher pure folder importing a lower one',
      'utils/sessions/probe.ts',
      "import { median } from '@/utils/common/stats';",
    ],
    [
      'a component importing a type from the edge',
      'components/shared/Probe.tsx',
      "import type { SessionDb } from '@/utils/storage/session-db';",
    ],
    ['the store importing the edge', 'utils/store/probe.ts', "import { SessionDb } from '@/utils/storage/session-db';"],
  ])('should allow %s', async (_case, filePath, line) => {
    const name = line.match(/\{ (\w+) \}/)?.[1];
    const use = line.startsWith('import type') ? `export type Used = ${name};` : `export const used = [${name}];`;
    expect(await ruleIds(`${line}\n${use}\n`, filePath)).toEqual([]);
  });
});

/** Folder of a source file: utils/<folder>, components/<folder>, or the file's own top folder. */
function folderOf(path: string): string {
  const parts = path.split('/');
  if ((parts[0] === 'utils' || parts[0] === 'components') && parts.length > 2) return `${parts[0]}/${parts[1]}`;
  return parts[0] === 'utils' ? path.replace(/\.tsx?$/, '') : (parts[0] as string);
}

/** Folder -> folders it imports (types included), from the tracked sources. */
function folderGraph(): Map<string, Set<string>> {
  const files = execSync('git ls-files utils components', { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((file) => /\.tsx?$/.test(file));
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    const source = readFileSync(join(ROOT, file), 'utf8');
    for (const [, spec] of source.matchAll(/(?:from|import)\s+(?:type\s+)?['"]([^'"]+)['"]/g)) {
      const path = (spec as string).split('?')[0] as string;
      if (!path.startsWith('@/') && !path.startsWith('.')) continue;
      const target = path.startsWith('@/') ? path.slice(2) : relative(ROOT, resolve(ROOT, dirname(file), path));
      const [from, to] = [folderOf(file), folderOf(target)];
      if (from !== to) graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
  }
  return graph;
}

/** Groups of folders that import each other, directly or around a loop (Tarjan's strongly connected components). */
function cycles(graph: Map<string, Set<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node) as number, low.get(to) as number));
      } else if (stack.includes(to)) low.set(node, Math.min(low.get(node) as number, index.get(to) as number));
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member) group.push(member);
    } while (member !== node);
    if (group.length > 1) found.push(group.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe('folder imports', () => {
  it('should find a loop when there is one', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
      ['d', new Set(['a'])],
    ]);
    expect(cycles(graph)).toEqual([['a', 'b', 'c']]);
  });

  it('should have no folders that import each other, directly or around a loop', () => {
    const graph = folderGraph();
    expect(graph.get('components/sidepanel')?.has('utils/hooks')).toBe(true);
    expect(cycles(graph)).toEqual([]);
  });
});
