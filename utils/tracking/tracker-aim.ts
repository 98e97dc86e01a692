import type { Box } from '@/utils/features/face-features';
import { sameBox } from './candidate';

/**
 * Where the tracker that follows the call is aimed, and whether a result it sends back is the
 * current candidate's: a result on a crop aimed at before the candidate changed shows the previous
 * person, and must not join the new one's records.
 */
export class TrackerAim {
  private aimedAt: Box | null = null;
  /** The latest crops aimed at since the candidate last changed. */
  private crops: Box[] = [];

  /** `inFlight`: how many of a candidate's latest crops may still have results on their way back. */
  constructor(private readonly inFlight: number) {}

  /** The candidate's crop is now `region` (null: none, or paused); true when the tracker must be told. */
  to(region: Box | null): boolean {
    if (sameBox(region, this.aimedAt)) return false;
    this.aimedAt = region;
    if (region) this.crops = [...this.crops.slice(1 - this.inFlight), region];
    return true;
  }

  /** Another face became the candidate: the tracker is aimed again, even at the same crop. */
  candidateChanged(): void {
    this.crops = [];
    this.aimedAt = null;
  }

  /** Whether a result on `crop` was aimed at the current candidate. */
  ofCandidate(crop: Box): boolean {
    return this.crops.some((aimed) => sameBox(aimed, crop));
  }
}
