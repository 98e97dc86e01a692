import { cpSync, mkdtempSync, rmSync, unlinkSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXTENSION_DIR, launchExtension } from '../../scripts/lib/browser.mjs';
import { faceModel } from '../support/paths';

const model = faceModel();
const MODEL_PATH = 'models/face_landmarker.task';

/** A copy of the build with its model file changed by `damage`. */
function damagedBuild(damage: (modelFile: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'liveproof-damaged-'));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  damage(join(dir, MODEL_PATH));
  return dir;
}

describe.skipIf(!model)('engine faults', () => {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  const panelMessageWith = async (extensionDir: string) => {
    made.push(extensionDir);
    const browser = await launchExtension({ extensionDir });
    try {
      const panel = await browser.openPage('sidepanel.html');
      await panel.getByText('Model failed').waitFor({ timeout: 60_000 });
      const alert = (await panel.getByTestId('engine-card').getByRole('alert').textContent()) ?? '';
      // Nothing can start without the model, and the panel says why in words, not a wasm abort.
      expect(await panel.getByRole('button', { name: 'Start on this tab' }).isDisabled()).toBe(true);
      return alert;
    } finally {
      await browser.close();
    }
  };

  it('should say the model file is missing when it is not in the extension', async () => {
    const alert = await panelMessageWith(damagedBuild((file) => unlinkSync(file)));
    expect(alert).toMatch(/face model file \(face_landmarker\.task\) is missing from the extension.*Reinstall/);
  });

  it('should refuse a damaged model file by its checksum', async () => {
    const alert = await panelMessageWith(
      damagedBuild((file) => {
        const bytes = readFileSync(file);
        const middle = bytes.length >> 1;
        bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
        writeFileSync(file, bytes);
      }),
    );
    expect(alert).toMatch(/face_landmarker\.task, \d+ bytes\) is damaged: its checksum does not match/);
  });
});
