/**
 * Who the candidate is in a call's picture, as a state machine over plain inputs: layout scans
 * (faces found in regions of the frame), tracker results (the face in the candidate's crop) and
 * the interviewer's choice. Times are ms on the caller's clock. Each input returns what the
 * pipeline must do: tell the interviewer, forget the old person's history, or scan again.
 */
import type { Box, FrameSize } from '@/utils/features/face-features';
import { DESCRIPTOR, PRESENCE } from '@/utils/common/thresholds';
import { descriptorDistance } from '@/utils/features/descriptor';
import {
  cropAround,
  faceLike,
  mergeFaces,
  needsRecrop,
  nextFace,
  pickCandidate,
  sameBox,
  type ScannedFace,
} from './candidate';
import { CANDIDATE } from './settings';

export type CandidateState = 'searching' | 'proposed' | 'chosen' | 'lost';

export interface Candidate {
  state: CandidateState;
  /** The candidate's face, frame px; null until one is proposed. */
  box: Box | null;
}

export type CandidateEffect =
  /** Worth showing the interviewer once. */
  | { kind: 'note'; text: string }
  /** Another face became the candidate: the history so far was someone else's. */
  | { kind: 'person-changed' }
  /** The layout should be scanned again at the next frame. */
  | { kind: 'rescan' };

const note = (text: string): CandidateEffect => ({ kind: 'note', text });

export class CandidateMachine {
  private current: Candidate = { state: 'searching', box: null };
  private frame: FrameSize = { width: 0, height: 0 };
  /** Faces of the latest complete layout scan, frame px, largest first. */
  private layout: ScannedFace[] = [];
  private cropBox: Box | null = null;
  private lastFaceAtMs = Number.NaN;
  private lostSinceMs = Number.NaN;
  /** The candidate was proposed before the scan that found it had finished. */
  private proposedEarly = false;
  /** The candidate's face profile (mean descriptor) once known: who to look for after a layout change. */
  private profile: Float32Array | null = null;

  /** The candidate's face profile so far (null: identity off, or not enough faces read yet). */
  setProfile(profile: Float32Array | null): void {
    this.profile = profile;
  }

  /** Faces of the latest complete scan that are not the candidate, with their descriptors. */
  get others(): ScannedFace[] {
    const box = this.current.box;
    return this.layout.filter((face) => !box || pickCandidate([face], box) === null);
  }

  get candidate(): Candidate {
    return this.current;
  }

  /** The square analysed around the candidate (frame px); null while there is none. */
  get crop(): Box | null {
    return this.cropBox;
  }

  /** Faces of the latest complete layout scan. */
  get faces(): Box[] {
    return this.layout;
  }

  /** Searching or lost: the layout is scanned more often and more finely. */
  get searching(): boolean {
    return this.current.state === 'searching' || this.current.state === 'lost';
  }

  /** The call's picture changed size: the layout known so far does not apply to it. */
  resize(frame: FrameSize): CandidateEffect[] {
    if (frame.width === this.frame.width && frame.height === this.frame.height) return [];
    const first = this.frame.width === 0;
    this.frame = frame;
    this.layout = [];
    const looking = note(
      `The call's picture changed size (${frame.width}x${frame.height}); looking for the candidate again.`,
    );
    return first ? [{ kind: 'rescan' }] : [looking, { kind: 'rescan' }];
  }

  /** The interviewer picked a face on the preview (frame px). */
  choose(face: Box, atMs: number): CandidateEffect[] {
    return [...this.set('chosen', face, atMs), note('Candidate chosen on the preview.')];
  }

  /**
   * The interviewer asked for the next face of the latest layout scan (reading order, wrapping
   * around) as the candidate. Decided here, on the current candidate: a panel that picked it from
   * its last summary would pick the same face twice for two quick presses.
   */
  chooseNext(atMs: number): CandidateEffect[] {
    const face = nextFace(this.layout, this.current.box);
    return face ? [...this.set('chosen', face, atMs), note('Next face chosen as the candidate.')] : [];
  }

  /** A scan region gave `found` (frame px); `foundSoFar` are all faces of this scan so far. */
  scanned(found: readonly ScannedFace[], foundSoFar: readonly ScannedFace[], atMs: number): CandidateEffect[] {
    // The first faces of the first scan are proposed at once; the scan's end may refine it.
    if (this.current.state !== 'searching' || found.length === 0) return [];
    return this.propose(mergeFaces(foundSoFar), true, atMs);
  }

  /** A layout scan finished with `found` (frame px, from every region). */
  scanDone(found: readonly ScannedFace[], atMs: number): CandidateEffect[] {
    this.layout = mergeFaces(found);
    const early = this.proposedEarly;
    this.proposedEarly = false;
    const { state, box } = this.current;
    if (state === 'searching') return this.propose(this.layout, false, atMs);
    if (state === 'proposed' && early && box) {
      // A larger face than the early proposal turned up later in the same scan.
      const largest = pickCandidate(this.layout);
      const larger = largest && pickCandidate([largest], box) === null && largest.width > box.width;
      return larger ? this.propose(this.layout, false, atMs) : [];
    }
    if (state !== 'lost' || !box) return [];
    // Who the candidate is outranks where their tile was: a moved layout puts others there.
    const known = this.profile ? faceLike(this.layout, this.profile) : null;
    if (known) {
      return [
        ...this.set('proposed', known.face, atMs, true),
        note(
          `Candidate found again by their face (face distance ${known.distance.toFixed(2)}) after the layout changed.`,
        ),
      ];
    }
    // With a profile, a face described as clearly someone else (as far as different people are;
    // one read at scan resolution is noisier than a profile) is not the candidate wherever it sits.
    const profile = this.profile;
    const possible = profile
      ? this.layout.filter(
          (face) => !face.descriptor || descriptorDistance(face.descriptor, profile) < DESCRIPTOR.highChangeDistance,
        )
      : this.layout;
    const again =
      pickCandidate(possible, box) ?? (this.layout.length === 1 && possible.length === 1 ? possible[0] : null) ?? null;
    if (again) {
      return [
        ...this.set('proposed', again, atMs),
        note('Candidate found again after the layout changed. Check the preview shows the right person.'),
      ];
    }
    // The tiles moved and resized (a screen share, a new layout): nothing is where the candidate
    // was, so the largest face that may be them is proposed and the interviewer asked to check.
    // When every face was described as someone else (often the interviewer's own view), none is.
    if (atMs - this.lostSinceMs >= CANDIDATE.reproposeAfterMs && possible.length > 0) {
      return [
        ...this.set('proposed', pickCandidate(possible), atMs),
        note(
          'The layout changed and the candidate could not be matched; the largest face is proposed. ' +
            'Click the right face on the preview if it is someone else.',
        ),
      ];
    }
    return [];
  }

  /**
   * The tracker's result on `crop` (the crop it was given): the face it found (frame px) or null.
   * A result for a crop that has since moved is only counted as a sighting when a face was found.
   */
  tracked(face: Box | null, crop: Box, atMs: number): CandidateEffect[] {
    if (face && sameBox(this.cropBox, crop)) {
      const wasLost = this.current.state === 'lost';
      this.current = { state: wasLost ? 'proposed' : this.current.state, box: face };
      this.lastFaceAtMs = atMs;
      if (needsRecrop(face, crop, this.frame)) this.cropBox = cropAround(face, this.frame);
      return wasLost ? [note('The candidate is back in the picture.')] : [];
    }
    if (!face && this.current.state !== 'lost' && atMs - this.lastFaceAtMs > CANDIDATE.lostAfterMs) {
      this.current = { ...this.current, state: 'lost' };
      this.lostSinceMs = atMs;
      return [
        note('The candidate left the picture or the layout changed; looking for them again.'),
        { kind: 'rescan' },
      ];
    }
    return [];
  }

  /**
   * Faces in the candidate's crop when the tracker found the candidate: it follows one face, so
   * the others come from the latest layout scan; only faces at least PRESENCE.minOtherFaceShare as
   * wide as the candidate count, as for recordings.
   */
  facesAround(found: boolean, crop: Box): number {
    const candidate = this.current.box;
    if (!found || !candidate) return 0;
    const inside = (face: Box) =>
      face.x >= crop.x &&
      face.y >= crop.y &&
      face.x + face.width <= crop.x + crop.width &&
      face.y + face.height <= crop.y + crop.height;
    const others = this.layout.filter(
      (face) =>
        pickCandidate([face], candidate) === null &&
        face.width >= candidate.width * PRESENCE.minOtherFaceShare &&
        inside(face),
    );
    return 1 + others.length;
  }

  /** Proposes the largest of `faces` as the candidate; `early` while the scan is still running. */
  private propose(faces: readonly Box[], early: boolean, atMs: number): CandidateEffect[] {
    const largest = pickCandidate(faces);
    if (!largest) return [];
    this.proposedEarly = early;
    return [
      ...this.set('proposed', largest, atMs),
      note(
        `Candidate proposed: the largest of ${faces.length} face(s) found so far. ` +
          'Click another face on the preview to change.',
      ),
    ];
  }

  /** `sameFace`: known to be the same person (found by their face), wherever the box moved. */
  private set(state: CandidateState, box: Box | null, atMs: number, sameFace = false): CandidateEffect[] {
    const previous = this.current.box;
    const otherPerson = !sameFace && previous !== null && box !== null && pickCandidate([box], previous) === null;
    this.current = { state, box };
    this.cropBox = box ? cropAround(box, this.frame) : null;
    this.lastFaceAtMs = atMs;
    return otherPerson ? [{ kind: 'person-changed' }] : [];
  }
}
