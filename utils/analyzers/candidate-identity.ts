/**
 * Who the candidate of a live session is, as a face profile built from every near-frontal
 * descriptor read since the candidate was chosen (pure). The live analysis keeps one; it feeds the
 * comparison with earlier rounds, the re-finding of the candidate after a layout change, and the
 * photo-ID check.
 */
import { DESCRIPTOR } from '@/utils/common/thresholds';
import { identityProfile, type IdentityProfile } from '@/utils/features/descriptor';
import type { FaceSample } from '@/utils/features/face-sample';
import { candidateDescriptors } from './face/likeness';

export class CandidateIdentity {
  private descriptors: Float32Array[] = [];
  private cached: IdentityProfile | null = null;
  private stale = false;
  private reads = 0;

  push(sample: FaceSample): void {
    const [read] = candidateDescriptors([sample]);
    if (!read) return;
    this.descriptors.push(read.descriptor);
    this.reads++;
    // A long call's profile is steady long before this; the oldest go so memory stays flat.
    if (this.descriptors.length > DESCRIPTOR.maxProfileFaces) this.descriptors.shift();
    this.stale = true;
  }

  /** Another person became the candidate: their profile starts now. */
  forget(): void {
    this.descriptors = [];
    this.cached = null;
    this.stale = false;
    this.reads = 0;
  }

  /** Descriptors read since the candidate became the candidate (the profile keeps the newest maxProfileFaces). */
  get described(): number {
    return this.reads;
  }

  /** The profile so far; null with fewer than DESCRIPTOR.minProfileFaces descriptors. */
  profile(): IdentityProfile | null {
    if (this.stale) {
      this.cached = identityProfile(this.descriptors);
      this.stale = false;
    }
    return this.cached;
  }
}
