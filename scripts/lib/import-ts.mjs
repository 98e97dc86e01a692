// Lets Node scripts use the extension's own pure TypeScript modules (the report summary, the
// checklist verifiers) instead of copies: the module is bundled with esbuild in memory and
// imported from a data: URL, so concurrent runs share no file.
import { join } from 'node:path';
import { build } from 'esbuild';
import { ROOT } from './browser.mjs';

/** The exports of the TypeScript module at `path` (relative to the project root), bundled for Node. */
export async function importTypeScript(path) {
  const { outputFiles } = await build({
    entryPoints: [join(ROOT, path)],
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    alias: { '@': ROOT },
    logLevel: 'error',
  });
  const code = Buffer.from(outputFiles[0].contents).toString('base64');
  return import(`data:text/javascript;base64,${code}`);
}
