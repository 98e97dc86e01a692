// `node scripts/update-golden.mjs`: records the golden per-frame features in tests/fixtures/golden/
// again (the first 6 s of two real clips, analysed by the built extension in headless Chromium),
// by running tests/browser/golden-features.test.ts in its update mode. Builds first if sources
// changed. Review the diff before committing: every changed line is a feature that moved.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureBuilt, ROOT } from './lib/browser.mjs';

ensureBuilt();
const vitest = join(ROOT, 'node_modules/vitest/vitest.mjs');
const test = 'tests/browser/golden-features.test.ts';
const result = spawnSync(process.execPath, [vitest, 'run', '--project', 'browser', test], {
  cwd: ROOT,
  stdio: 'inherit',
  // A missing clip or model fails the update instead of skipping it.
  env: { ...process.env, LIVEPROOF_UPDATE_GOLDEN: '1', LIVEPROOF_REQUIRE_MEDIA: '1' },
});
process.exit(result.status ?? 1);
