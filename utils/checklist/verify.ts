/**
 * Verifiers of the checklist's challenge prompts (pure): each reads the live signals over the
 * candidate's response window and ends as `passed`, `concern` (with the evidence) or
 * `not-verified` (the signals cannot say, e.g. the face was lost). The interviewer can always
 * override the outcome; these only say what was measured.
 */
import { findBlinks } from '@/utils/analyzers/face/blink';
import type { LipSyncEstimate } from '@/utils/findings/lip-sync-estimate';
import { CHECKLIST, COVER, DESCRIPTOR, LIP_SYNC_FINDINGS } from '@/utils/common/thresholds';
import { coveredMouth } from '@/utils/analyzers/face/cover';
import { candidateDescriptors } from '@/utils/analyzers/face/likeness';
import { descriptorDistance, identityProfile, type IdentityProfile } from '@/utils/features/descriptor';
import { calibratedYawDeg } from '@/utils/features/face-features';
import type { TurnSides } from '@/utils/common/turn-sides';
import type { CheckedVerifier } from './prompts';
import type { CandidateFace, FaceSample } from '@/utils/features/face-sample';
import type { Finding } from '@/utils/findings/finding';
import {
  BLINK_TEXT,
  HAND_PASS_TEXT,
  HEAD_TURN_TEXT,
  PHOTO_ID_TEXT,
  READ_PHRASE_TEXT,
} from '@/utils/wording/checklist-verify';

export const OUTCOMES = ['passed', 'concern', 'not-verified'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface Verification {
  outcome: Outcome;
  /** Plain words for the interviewer: what was seen. */
  summary: string;
  evidence: Record<string, number | string | null>;
}

/** A response window on the same clock as the samples, ms; findings are in seconds on `offsetMs`. */
export interface ResponseWindow {
  fromMs: number;
  toMs: number;
  /** The time that is 0 s in findings. */
  offsetMs: number;
}

const inWindow = (samples: readonly FaceSample[], window: ResponseWindow) =>
  samples.filter((s) => s.timeMs >= window.fromMs && s.timeMs <= window.toMs);

/**
 * Time the mouth was hidden over the window's samples, ms: the face gone, the mouth patch flat, or
 * the lower face's tone broken by a hand (coveredMouth, which reads the second before the window).
 */
export function mouthHiddenMs(
  samples: readonly FaceSample[],
  window: ResponseWindow,
): { hiddenMs: number; coveredMs: number } {
  const reach = samples.filter((s) => s.timeMs >= window.fromMs - COVER.baselineFromMs && s.timeMs <= window.toMs);
  const covered = coveredMouth(reach);
  let hiddenMs = 0;
  let coveredMs = 0;
  reach.forEach((sample, i) => {
    const next = reach[i + 1];
    if (!next || sample.timeMs < window.fromMs) return;
    const stepMs = next.timeMs - sample.timeMs;
    if (covered[i]) coveredMs += stepMs;
    if (!sample.face || !sample.face.mouthVisible || covered[i]) hiddenMs += stepMs;
  });
  return { hiddenMs, coveredMs };
}

/**
 * Longest stretch without the face inside the window, ms (the window's edges count as gaps' ends).
 * A gap after a face that `excused` accepts does not count when the face comes back.
 */
export function longestGapMs(
  samples: readonly FaceSample[],
  window: ResponseWindow,
  excused: (face: CandidateFace) => boolean = () => false,
): number {
  let lastSeen = window.fromMs;
  let lastFace: CandidateFace | null = null;
  let longest = 0;
  for (const sample of samples) {
    if (!sample.face) continue;
    if (!lastFace || !excused(lastFace)) longest = Math.max(longest, sample.timeMs - lastSeen);
    lastSeen = sample.timeMs;
    lastFace = sample.face;
  }
  return Math.max(longest, window.toMs - lastSeen);
}

/** The findings (seconds since `window.offsetMs`) that overlap the window. */
export function findingsDuring(findings: readonly Finding[], window: ResponseWindow): Finding[] {
  const fromS = (window.fromMs - window.offsetMs) / 1000;
  const toS = (window.toMs - window.offsetMs) / 1000;
  return findings.filter((f) => f.startS <= toS && f.endS >= fromS);
}

/** Face-check findings that overlap the window and make a response a concern. */
function concerns(findings: readonly Finding[], window: ResponseWindow): Finding[] {
  return findingsDuring(findings, window).filter((f) => (CHECKLIST.concernKinds as readonly string[]).includes(f.kind));
}

const round = (value: number, digits = 0) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : null);

/**
 * Distance between the face read before the head first turned past the target and after it last
 * came back (face descriptors, mean of each side); NaN with too few reads on either side.
 */
function faceAcrossTurn(samples: readonly FaceSample[], turned: (face: CandidateFace | null) => boolean): number {
  const first = samples.findIndex((s) => turned(s.face));
  const last = samples.findLastIndex((s) => turned(s.face));
  if (first < 0) return Number.NaN;
  const read = (side: readonly FaceSample[]) => side.flatMap((s) => (s.face?.descriptor ? [s.face.descriptor] : []));
  const before = identityProfile(read(samples.slice(0, first)));
  const after = identityProfile(read(samples.slice(last + 1)));
  return before && after ? descriptorDistance(before.descriptor, after.descriptor) : Number.NaN;
}

/**
 * "Turn slowly to a full profile one way, then the other": the head's yaw (calibrated) past
 * CHECKLIST.turnYawDeg on each side asked for, the face tracked all along (or lost only past the target).
 */
export function verifyHeadTurn(
  samples: readonly FaceSample[],
  window: ResponseWindow,
  findings: readonly Finding[],
  sides: TurnSides = 'both',
): Verification {
  const seen = inWindow(samples, window);
  const yaws = seen.flatMap((s) => (s.face ? [calibratedYawDeg(s.face.pose)] : []));
  // The landmarker loses a real face near a full profile (seen: 0.7 s at 78-80°); a face lost
  // past the target and found again still made the turn.
  const turned = (face: CandidateFace | null) =>
    face !== null && Math.abs(calibratedYawDeg(face.pose)) >= CHECKLIST.turnYawDeg;
  const gapMs = longestGapMs(seen, window, turned);
  const identityDistance = faceAcrossTurn(seen, turned);
  const evidence = {
    maxYawDeg: round(Math.max(...yaws)),
    minYawDeg: round(Math.min(...yaws)),
    longestGapMs: round(gapMs),
    targetYawDeg: CHECKLIST.turnYawDeg,
    sides,
    identityDistance: round(identityDistance, 3),
  };
  if (yaws.length === 0 || gapMs > CHECKLIST.maxTrackGapMs) {
    return {
      outcome: 'not-verified',
      summary: HEAD_TURN_TEXT.lost(gapMs),
      evidence,
    };
  }
  const flagged = concerns(findings, window);
  if (flagged.length > 0) {
    return {
      outcome: 'concern',
      summary: HEAD_TURN_TEXT.flagged(flagged.map((f) => f.kind)),
      evidence,
    };
  }
  if (identityDistance > DESCRIPTOR.samePersonMax) {
    return {
      outcome: 'concern',
      summary: HEAD_TURN_TEXT.otherFace(identityDistance, DESCRIPTOR.samePersonMax),
      evidence,
    };
  }
  const left = sides === 'image-right' || Math.min(...yaws) <= -CHECKLIST.turnYawDeg;
  const right = sides === 'image-left' || Math.max(...yaws) >= CHECKLIST.turnYawDeg;
  if (!left || !right) {
    return {
      outcome: 'not-verified',
      summary: HEAD_TURN_TEXT.short(evidence.minYawDeg, evidence.maxYawDeg, CHECKLIST.turnYawDeg, sides),
      evidence,
    };
  }
  return {
    outcome: 'passed',
    summary: HEAD_TURN_TEXT.passed(evidence.minYawDeg, evidence.maxYawDeg, sides),
    evidence,
  };
}

/** "Pass a hand slowly across your face": the mouth hidden for a moment, the same face tracked after. */
export function verifyHandPass(
  samples: readonly FaceSample[],
  window: ResponseWindow,
  findings: readonly Finding[],
): Verification {
  const seen = inWindow(samples, window);
  const { hiddenMs, coveredMs } = mouthHiddenMs(samples, window);
  const last = seen[seen.length - 1];
  const evidence = { hiddenMs: round(hiddenMs), coveredMs: round(coveredMs), faceAtEnd: last?.face ? 'yes' : 'no' };
  if (hiddenMs < CHECKLIST.handMinHiddenMs) {
    return {
      outcome: 'not-verified',
      summary: HAND_PASS_TEXT.noHand,
      evidence,
    };
  }
  if (hiddenMs > CHECKLIST.handMaxHiddenMs || !last?.face) {
    return {
      outcome: 'not-verified',
      summary: HAND_PASS_TEXT.hiddenTooLong(hiddenMs),
      evidence,
    };
  }
  const flagged = concerns(findings, window);
  if (flagged.length > 0) {
    return {
      outcome: 'concern',
      summary: HAND_PASS_TEXT.flagged(flagged.map((f) => f.kind)),
      evidence,
    };
  }
  return {
    outcome: 'passed',
    summary: HAND_PASS_TEXT.passed(hiddenMs),
    evidence,
  };
}

/**
 * "Read this phrase aloud": the lip-sync estimate over the answer. A small steady offset is what
 * call transport does to everyone, so only one past LIP_SYNC_FINDINGS.warnOffsetMs (or a voice
 * that does not follow the lips at all) is a concern.
 */
export function verifyReadPhrase(estimate: LipSyncEstimate | null, findings: readonly Finding[] = []): Verification {
  // The candidate was asked to speak: a voice over their still mouth answers it at once.
  const silent = findings.find((finding) => finding.kind === 'voice-without-mouth');
  if (silent) {
    return {
      outcome: 'concern',
      summary: READ_PHRASE_TEXT.silentFace,
      evidence: { voicedS: silent.evidence.voicedS ?? null, mouthSpread: silent.evidence.mouthSpread ?? null },
    };
  }
  if (!estimate || estimate.verdict === 'insufficient') {
    return {
      outcome: 'not-verified',
      summary: READ_PHRASE_TEXT.insufficient,
      evidence: { speechS: round(estimate?.speechS ?? Number.NaN, 1), peakZ: round(estimate?.peakZ ?? Number.NaN, 2) },
    };
  }
  const evidence = {
    verdict: estimate.verdict,
    offsetMs: round(estimate.offsetMs),
    confidence: round(estimate.confidence, 2),
    speechS: round(estimate.speechS, 1),
  };
  if (estimate.verdict === 'mismatch') return { outcome: 'concern', summary: READ_PHRASE_TEXT.mismatch, evidence };
  if (estimate.verdict === 'offset' && Math.abs(estimate.offsetMs) >= LIP_SYNC_FINDINGS.warnOffsetMs) {
    return {
      outcome: 'concern',
      summary: READ_PHRASE_TEXT.offset(evidence.offsetMs),
      evidence,
    };
  }
  const summary = READ_PHRASE_TEXT.passed(evidence.offsetMs, estimate.verdict === 'offset');
  return { outcome: 'passed', summary, evidence };
}

/**
 * "Blink twice": blinks seen while the eyes were tracked. No blink is `not verified`, not a
 * concern: a real candidate may not have heard, or blinked between frames; a face that cannot
 * blink on request fails again when asked again. Face-check findings during the answer are a concern.
 */
export function verifyBlinkOnRequest(
  samples: readonly FaceSample[],
  window: ResponseWindow,
  findings: readonly Finding[] = [],
): Verification {
  const seen = inWindow(samples, window);
  const { blinks, watchedMs } = findBlinks(seen);
  const evidence = { blinks: blinks.length, watchedMs: round(watchedMs) };
  if (watchedMs < (window.toMs - window.fromMs) / 2) {
    return {
      outcome: 'not-verified',
      summary: BLINK_TEXT.notTracked,
      evidence,
    };
  }
  const flagged = concerns(findings, window);
  if (flagged.length > 0) {
    return {
      outcome: 'concern',
      summary: BLINK_TEXT.flagged(flagged.map((f) => f.kind)),
      evidence,
    };
  }
  if (blinks.length === 0) return { outcome: 'not-verified', summary: BLINK_TEXT.noBlink, evidence };
  return { outcome: 'passed', summary: BLINK_TEXT.passed(blinks.length), evidence };
}

/**
 * "Hold your photo ID next to your face": the ID photo's face (another face in the picture during
 * the answer, described by the live pipeline's ID watch) against the candidate's profile. A photo
 * is one old picture under other light, so it is judged by DESCRIPTOR.idPhotoMax, not the
 * tighter profile threshold. Not found is `not-verified`: glare or a photo too small says nothing.
 */
export function verifyPhotoId(
  samples: readonly FaceSample[],
  window: ResponseWindow,
  profile: IdentityProfile | null,
): Verification {
  const seen = inWindow(samples, window);
  // Live, the faces read beside the candidate's; in a recording, every other face in the picture.
  const idFaces = seen.flatMap((sample) => sample.idPhotoDescriptors ?? sample.otherDescriptors);
  const candidate = profile ?? identityProfile(candidateDescriptors(seen).map((d) => d.descriptor));
  const distances = candidate ? idFaces.map((face) => descriptorDistance(face, candidate.descriptor)) : [];
  const best = distances.length ? Math.min(...distances) : Number.NaN;
  const evidence = {
    idPhotoDistance: round(best, 3),
    threshold: DESCRIPTOR.idPhotoMax,
    idFacesRead: idFaces.length,
    candidateFaces: candidate?.count ?? 0,
  };
  if (!candidate) return { outcome: 'not-verified', summary: PHOTO_ID_TEXT.noCandidate, evidence };
  if (idFaces.length === 0) return { outcome: 'not-verified', summary: PHOTO_ID_TEXT.notFound, evidence };
  return best <= DESCRIPTOR.idPhotoMax
    ? { outcome: 'passed', summary: PHOTO_ID_TEXT.matches(best, DESCRIPTOR.idPhotoMax), evidence }
    : { outcome: 'concern', summary: PHOTO_ID_TEXT.differs(best, DESCRIPTOR.idPhotoMax), evidence };
}

/** What the live analysis knows about one answer. */
export interface AnswerSignals {
  samples: readonly FaceSample[];
  window: ResponseWindow;
  /** The session's findings (seconds since `window.offsetMs`). */
  findings: readonly Finding[];
  /** Lip sync over the answer. */
  lipSync: LipSyncEstimate | null;
  /** The candidate's face profile so far (null: identity off, or too few faces read). */
  candidateProfile: IdentityProfile | null;
}

/** The verifier a prompt names, run over its answer. */
export function verifyAnswer(verifier: CheckedVerifier, signals: AnswerSignals): Verification {
  switch (verifier) {
    case 'head-turn':
      return verifyHeadTurn(signals.samples, signals.window, signals.findings);
    case 'hand-pass':
      return verifyHandPass(signals.samples, signals.window, signals.findings);
    case 'read-phrase':
      return verifyReadPhrase(signals.lipSync, signals.findings);
    case 'blink':
      return verifyBlinkOnRequest(signals.samples, signals.window, signals.findings);
    case 'photo-id':
      return verifyPhotoId(signals.samples, signals.window, signals.candidateProfile);
  }
}
