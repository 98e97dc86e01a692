import { Brand } from '../shared/Brand';
import { EngineStatusCard } from '../shared/EngineStatusCard';
import { DrillRunner } from './DrillRunner';
import { TrainerView } from './TrainerView';
import { VariantBuilder } from './VariantBuilder';

/** Practice drills for trainers: drills with a debrief per item, variants of their own clips, packs. */
export function DrillApp() {
  return (
    <main className="app">
      <Brand tagline="Practice drills: learn to spot a face swap or a stand-in before a real call" />
      <DrillRunner />
      <VariantBuilder />
      <TrainerView />
      <EngineStatusCard />
    </main>
  );
}
