import { useState } from 'react';
import type { Finding } from '@/utils/findings/finding';
import { formatClock } from '@/utils/common/format-time';
import { FINDING_TITLES, NO_FINDINGS_TEXT, SEVERITY_TITLES } from '@/utils/wording/findings';

/** One evidence number as shown: "n/a" where it could not be measured. */
const evidenceText = (value: Finding['evidence'][string]) =>
  value === null || (typeof value === 'number' && !Number.isFinite(value)) ? 'n/a' : String(value);

function FindingItem({ finding }: { finding: Finding }) {
  const [open, setOpen] = useState(false);
  return (
    <li className={`finding ${finding.severity}`} data-testid="finding" data-kind={finding.kind}>
      <div className="row spread">
        <strong>{FINDING_TITLES[finding.kind]}</strong>
        <span className={`pill ${finding.severity}`}>{SEVERITY_TITLES[finding.severity]}</span>
      </div>
      <div className="small muted">
        {formatClock(finding.startS)}–{formatClock(finding.endS)}
      </div>
      <p>{finding.message}</p>
      <button type="button" className="link" onClick={() => setOpen(!open)} aria-expanded={open}>
        {open ? 'Hide the numbers' : 'Show the numbers'}
      </button>
      {open && (
        <dl className="facts small">
          {Object.entries(finding.evidence).map(([key, value]) => (
            <div key={key} className="contents">
              <dt>{key}</dt>
              <dd>{evidenceText(value)}</dd>
            </div>
          ))}
        </dl>
      )}
    </li>
  );
}

/** Findings in time order, each with its plain message and, on request, its numbers. */
export function FindingsList({ findings }: { findings: readonly Finding[] }) {
  if (findings.length === 0) {
    return (
      <p className="muted" data-testid="no-findings">
        {NO_FINDINGS_TEXT}
      </p>
    );
  }
  return (
    <ul className="findings">
      {[...findings]
        .sort((a, b) => a.startS - b.startS)
        .map((finding, index) => (
          <FindingItem key={`${finding.kind}-${finding.startS}-${index}`} finding={finding} />
        ))}
    </ul>
  );
}
