/// <reference lib="webworker" />
// Live lip-sync, face checks and checklist answers off the panel's main thread: one estimate over a 30 s window
// takes tens of ms, which on the main thread would stall the preview and the controls.
import { verifyAnswer } from '@/utils/checklist/verify';
import { LiveFaceChecks } from '@/utils/analyzers/live-face-checks';
import { LiveLipSync } from '@/utils/analyzers/live-lip-sync';
import { CandidateIdentity } from '@/utils/analyzers/candidate-identity';
import type { AnalysisReply, AnalysisRequest } from './live-analysis-protocol';

declare const self: DedicatedWorkerGlobalScope;

let live: LiveLipSync | null = null;
let faces: LiveFaceChecks | null = null;
const identity = new CandidateIdentity();
let sessionStartMs = 0;

/**
 * Checks an answer: the face checks run over the newest window first, so their findings during
 * the answer count (only face-check kinds make an answer a concern, see CHECKLIST.concernKinds).
 * A read phrase is judged by lip sync and the silent face alone, and is asked about every second
 * while the candidate reads (utils/live/checklist-controller.ts), so it skips the face checks
 * (about 130 ms each).
 */
function verify(
  request: Extract<AnalysisRequest, { kind: 'verify' }>,
  lipSync: LiveLipSync,
  face: LiveFaceChecks,
): AnalysisReply {
  const startedMs = performance.now();
  const speech = (fromMs: number, toMs: number) => lipSync.speech(fromMs, toMs);
  const readPhrase = request.verifier === 'read-phrase';
  const findings = readPhrase
    ? lipSync.silentFace(request.fromMs, request.toMs)
    : face.update(request.toMs, speech, { now: true }).findings;
  const verification = verifyAnswer(request.verifier, {
    samples: face.samplesBetween(request.fromMs, request.toMs),
    window: { fromMs: request.fromMs, toMs: request.toMs, offsetMs: sessionStartMs },
    findings,
    lipSync: readPhrase ? lipSync.estimate(request.fromMs, request.toMs) : null,
    candidateProfile: identity.profile(),
  });
  return { kind: 'verification', id: request.id, verification, computeMs: performance.now() - startedMs };
}

self.onmessage = (event: MessageEvent<AnalysisRequest>) => {
  const request = event.data;
  switch (request.kind) {
    case 'start':
      sessionStartMs = request.sessionStartMs;
      live = new LiveLipSync(request.sessionStartMs);
      faces = new LiveFaceChecks(request.sessionStartMs);
      identity.forget();
      return;
    case 'batch':
      for (const frame of request.frames) {
        live?.pushFrame(frame);
        faces?.push(frame.face);
        identity.push(frame.face);
      }
      for (const chunk of request.audio) live?.pushAudio(chunk.samples, chunk.startMs, chunk.sampleRate);
      return;
    case 'forget-identity':
      identity.forget();
      faces?.forgetDescriptors();
      return;
    case 'forget-face':
      live?.forgetFace();
      faces?.forgetFace();
      identity.forget();
      return;
    case 'update': {
      if (!live || !faces) return;
      const { estimate, findings } = live.update(request.nowMs);
      const lipSync = live;
      const face = faces.update(request.nowMs, (fromMs, toMs) => lipSync.speech(fromMs, toMs));
      const reply: AnalysisReply = {
        kind: 'estimate',
        estimate,
        findings: [...findings, ...face.findings],
        faceChecks: face.checks,
        identity: { profile: identity.profile(), described: identity.described },
      };
      self.postMessage(reply);
      return;
    }
    case 'verify':
      if (live && faces) self.postMessage(verify(request, live, faces));
      return;
  }
};
