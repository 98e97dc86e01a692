import { Brand } from '../shared/Brand';
import { VariantBuilder } from './VariantBuilder';

/** Practice drills for trainers: variants of their own clips, packs, drills and scores. */
export function DrillApp() {
  return (
    <main className="app">
      <Brand tagline="Practice drills: learn to spot a face swap or a stand-in before a real call" />
      <VariantBuilder />
    </main>
  );
}
