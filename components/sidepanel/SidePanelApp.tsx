import { useEffect, useState } from 'react';
import { callPlatformOf, type CallPlatform } from '@/utils/common/call-sites';
import { useChecklist, useChecklistTemplates } from '@/utils/hooks/use-checklist';
import { useLiveCapture } from '@/utils/hooks/use-live-capture';
import { usePanelSettings, useSessionDb } from '@/utils/hooks/use-sessions';
import { tabIdFromSearch } from '@/utils/common/panel-url';
import { useAppStore } from '@/utils/store';
import { Brand } from '../shared/Brand';
import { ChecklistCard } from './ChecklistCard';
import { EngineStatusCard } from '../shared/EngineStatusCard';
import { LiveCard } from './LiveCard';

/** The call site of the panel's tab: undefined until known, null when it is none. */
function useCallPlatform(tabId: number | null): CallPlatform | null | undefined {
  const [platform, setPlatform] = useState<CallPlatform | null | undefined>(tabId === null ? null : undefined);
  useEffect(() => {
    if (tabId === null) return;
    // The URL is only visible for call sites (host permissions), which is all this needs.
    browser.tabs
      .get(tabId)
      .then((tab) => setPlatform(callPlatformOf(tab.url)))
      .catch(() => setPlatform(null));
  }, [tabId]);
  return platform;
}

export function SidePanelApp({ search }: { search: string }) {
  const tabId = tabIdFromSearch(search);
  const platform = useCallPlatform(tabId);
  const db = useSessionDb();
  const controls = useLiveCapture(tabId, platform, db);
  const checklist = useChecklist(controls);
  usePanelSettings(db);
  const templates = useChecklistTemplates(browser.storage.local);
  const engineStarted = useAppStore((state) => state.engine.state === 'loading' || state.engine.state === 'ready');
  const capturing = useAppStore((state) => state.live.state === 'live' || state.live.state === 'paused');

  const openPage = (path: '/analyze.html' | '/drill.html') => () => {
    browser.tabs.create({ url: browser.runtime.getURL(path) }).catch(console.error);
  };

  return (
    <main className="app">
      <Brand tagline="Evidence for interviewers, computed on this device" />
      <section className="card" aria-labelledby="tab-title">
        <h2 id="tab-title">This tab</h2>
        <p data-testid="tab-platform">
          {platform ? `${platform} call detected.` : 'Liveproof is attached to the tab you opened it on.'}
        </p>
      </section>
      <LiveCard controls={controls} engineStarted={engineStarted} db={db} />
      <ChecklistCard controls={checklist} templateControls={templates} capturing={capturing} />
      <EngineStatusCard />
      <section className="card" aria-labelledby="recording-title">
        <h2 id="recording-title">Recordings</h2>
        <p className="muted">
          Check a recorded interview or a training clip with the same engine, or train interviewers with scored drills.
        </p>
        <div className="row">
          <button type="button" onClick={openPage('/analyze.html')}>
            Analyze a recording
          </button>
          <button type="button" className="secondary" onClick={openPage('/drill.html')}>
            Practice drills
          </button>
        </div>
      </section>
    </main>
  );
}
