import { describe, expect, it } from 'vitest';
import { migrateSettings } from '@/utils/store';

describe('migrateSettings', () => {
  it('should turn the old default CPU into auto, keep a chosen GPU, and default what it cannot read', () => {
    expect(migrateSettings({ preferredDelegate: 'CPU', analyzeEveryFrame: true }, 0)).toEqual({
      preferredDelegate: 'auto',
      analyzeEveryFrame: true,
    });
    expect(migrateSettings({ preferredDelegate: 'GPU' }, 0)).toEqual({
      preferredDelegate: 'GPU',
      analyzeEveryFrame: false,
    });
    expect(migrateSettings({ preferredDelegate: 'CPU' }, 1).preferredDelegate).toBe('CPU');
    expect(migrateSettings({ preferredDelegate: 'TPU', analyzeEveryFrame: 'yes' }, 1)).toEqual({
      preferredDelegate: 'auto',
      analyzeEveryFrame: false,
    });
    expect(migrateSettings(null, 1)).toEqual({ preferredDelegate: 'auto', analyzeEveryFrame: false });
  });
});
