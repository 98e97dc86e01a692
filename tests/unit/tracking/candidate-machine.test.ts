import { describe, expect, it } from 'vitest';
import { cropAround, type ScannedFace } from '@/utils/tracking/candidate';
import { CandidateMachine, type CandidateEffect } from '@/utils/tracking/candidate-machine';
import { CANDIDATE } from '@/utils/tracking/settings';
import { descriptorAway, faceDescriptor } from '../../support/face-samples';

const frame = { width: 1280, height: 720 };
const box = (x: number, y: number, width: number, height = width) => ({ x, y, width, height });
const kinds = (effects: CandidateEffect[]) => effects.map((effect) => effect.kind);
const notes = (effects: CandidateEffect[]) =>
  effects.flatMap((effect) => (effect.kind === 'note' ? [effect.text] : []));

/** A machine following `face` (proposed by a finished scan at t = 0). */
function following(face = box(100, 100, 120)): CandidateMachine {
  const machine = new CandidateMachine();
  machine.resize(frame);
  machine.scanDone([face], 0);
  return machine;
}

describe('CandidateMachine', () => {
  it('should start searching with no crop, and scan again on its first frame without a note', () => {
    const machine = new CandidateMachine();
    expect(machine.candidate).toEqual({ state: 'searching', box: null });
    expect(machine.crop).toBeNull();
    expect(machine.resize(frame)).toEqual([{ kind: 'rescan' }]);
  });

  it('should say when the picture changes size later, and forget the layout', () => {
    const machine = following();
    expect(machine.faces).toHaveLength(1);
    const effects = machine.resize({ width: 1920, height: 1080 });
    expect(kinds(effects)).toEqual(['note', 'rescan']);
    expect(notes(effects)[0]).toContain('1920x1080');
    expect(machine.faces).toEqual([]);
    expect(machine.resize({ width: 1920, height: 1080 })).toEqual([]);
  });

  it('should propose the largest face as soon as a scan region finds one, and a larger one at the scan end', () => {
    const machine = new CandidateMachine();
    machine.resize(frame);
    const small = box(900, 400, 80);
    const effects = machine.scanned([small], [small], 10);
    expect(machine.candidate).toEqual({ state: 'proposed', box: small });
    expect(machine.crop).toEqual(cropAround(small, frame));
    expect(notes(effects)[0]).toMatch(/largest of 1 face/);
    const large = box(100, 100, 200);
    const refined = machine.scanDone([small, large], 20);
    expect(machine.candidate.box).toEqual(large);
    expect(kinds(refined)).toEqual(['person-changed', 'note']);
  });

  it('should keep an early proposal when the scan end finds nothing larger', () => {
    const machine = new CandidateMachine();
    machine.resize(frame);
    const face = box(100, 100, 200);
    machine.scanned([face], [face], 10);
    expect(machine.scanDone([face, box(900, 400, 80)], 20)).toEqual([]);
    expect(machine.candidate.box).toEqual(face);
  });

  it('should not propose from a region while a candidate is already followed', () => {
    const machine = following();
    expect(machine.scanned([box(600, 300, 300)], [box(600, 300, 300)], 50)).toEqual([]);
  });

  it("should take the interviewer's choice, forgetting the other person's history", () => {
    const machine = following();
    const other = box(800, 300, 100);
    const effects = machine.choose(other, 100);
    expect(machine.candidate).toEqual({ state: 'chosen', box: other });
    expect(kinds(effects)).toEqual(['person-changed', 'note']);
    expect(notes(effects)).toEqual(['Candidate chosen on the preview.']);
  });

  it('should step to the next face in reading order on every press, however quick, wrapping around', () => {
    const candidate = box(100, 100, 120);
    const panelist = box(700, 110, 110);
    const self = box(900, 500, 60);
    const machine = new CandidateMachine();
    machine.resize(frame);
    machine.scanDone([self, panelist, candidate], 0);
    expect(machine.candidate.box).toEqual(candidate);
    // Two presses before any summary reaches the panel still move two faces on.
    const first = machine.chooseNext(100);
    machine.chooseNext(110);
    expect(kinds(first)).toEqual(['person-changed', 'note']);
    expect(notes(first)).toEqual(['Next face chosen as the candidate.']);
    expect(machine.candidate).toEqual({ state: 'chosen', box: self });
    machine.chooseNext(120);
    expect(machine.candidate.box).toEqual(candidate);
  });

  it('should choose no next face before a layout scan has found one', () => {
    const machine = new CandidateMachine();
    machine.resize(frame);
    expect(machine.chooseNext(100)).toEqual([]);
    expect(machine.candidate).toEqual({ state: 'searching', box: null });
  });

  it('should not forget the history when the same face is chosen', () => {
    const face = box(100, 100, 120);
    const machine = following(face);
    expect(kinds(machine.choose(box(104, 102, 118), 100))).toEqual(['note']);
  });

  it('should follow the tracked face and move the crop only when the face drifts to its edge', () => {
    const face = box(400, 200, 120);
    const machine = following(face);
    const crop = machine.crop;
    if (!crop) throw new Error('no crop');
    // Results name their crop by value: the tracker worker sends it back with the frame.
    machine.tracked(box(405, 202, 120), { ...crop }, 100);
    expect(machine.crop).toBe(crop);
    expect(machine.candidate.box).toEqual(box(405, 202, 120));
    const drifted = box(crop.x + crop.width - 130, 200, 120);
    machine.tracked(drifted, crop, 200);
    expect(machine.crop).toEqual(cropAround(drifted, frame));
  });

  it('should ignore a result for a crop that has moved since', () => {
    const machine = following();
    const current = machine.crop ?? box(0, 0, 1);
    const stale = { ...current, x: current.x + 2 };
    expect(machine.tracked(box(700, 300, 100), stale, 100)).toEqual([]);
    expect(machine.candidate.box).toEqual(box(100, 100, 120));
  });

  it.each([
    [CANDIDATE.lostAfterMs, 'proposed'],
    [CANDIDATE.lostAfterMs + 1, 'lost'],
  ])('should call the candidate lost only after %d ms without a face (%s)', (afterMs, state) => {
    const machine = following();
    const crop = machine.crop;
    if (!crop) throw new Error('no crop');
    const effects = machine.tracked(null, crop, afterMs);
    expect(machine.candidate.state).toBe(state);
    expect(kinds(effects)).toEqual(state === 'lost' ? ['note', 'rescan'] : []);
  });

  it('should find a lost candidate again near where they were, or in the only face on screen', () => {
    const machine = following(box(100, 100, 120));
    machine.tracked(null, machine.crop ?? box(0, 0, 1), 5000);
    const near = box(130, 110, 120);
    const effects = machine.scanDone([near, box(900, 100, 300)], 5100);
    expect(machine.candidate).toEqual({ state: 'proposed', box: near });
    expect(notes(effects)[0]).toMatch(/found again/);

    const alone = following(box(100, 100, 120));
    alone.tracked(null, alone.crop ?? box(0, 0, 1), 5000);
    alone.scanDone([box(900, 400, 200)], 5100);
    expect(alone.candidate.state).toBe('proposed');
  });

  it('should propose the largest face only after CANDIDATE.reproposeAfterMs when nothing matches', () => {
    const machine = following(box(100, 100, 120));
    machine.tracked(null, machine.crop ?? box(0, 0, 1), 5000);
    const faces = [box(900, 400, 60), box(600, 500, 90)];
    expect(machine.scanDone(faces, 5000 + CANDIDATE.reproposeAfterMs - 1)).toEqual([]);
    expect(machine.candidate.state).toBe('lost');
    const effects = machine.scanDone(faces, 5000 + CANDIDATE.reproposeAfterMs);
    expect(machine.candidate).toEqual({ state: 'proposed', box: box(600, 500, 90) });
    expect(kinds(effects)).toEqual(['person-changed', 'note']);
  });

  it('should say the candidate is back when the tracker finds them while lost', () => {
    const machine = following();
    const crop = machine.crop ?? box(0, 0, 1);
    machine.tracked(null, crop, 5000);
    const effects = machine.tracked(box(102, 100, 120), crop, 5100);
    expect(machine.candidate.state).toBe('proposed');
    expect(notes(effects)).toEqual(['The candidate is back in the picture.']);
  });

  it('should count faces of the layout inside the crop that are large enough', () => {
    const face = box(400, 150, 200);
    const machine = new CandidateMachine();
    machine.resize(frame);
    const beside = box(300, 380, 70);
    const tiny = box(640, 400, 50);
    const outside = box(1100, 500, 120);
    machine.scanDone([face, beside, tiny, outside], 0);
    const crop = machine.crop ?? box(0, 0, 1);
    expect(machine.facesAround(true, crop)).toBe(2);
    expect(machine.facesAround(false, crop)).toBe(0);
  });

  describe("with the candidate's face profile", () => {
    const alice = faceDescriptor(1);
    /** Alice read again by the scan, 0.2 from her profile; bob and carol are other people. */
    const aliceRead = descriptorAway(alice, 0.2, 2);
    const bob = descriptorAway(alice, 1, 3);
    const carol = descriptorAway(alice, 0.9, 4);
    const described = (face: ReturnType<typeof box>, descriptor: Float32Array | null): ScannedFace => ({
      ...face,
      descriptor,
    });
    const OLD_PLACE = box(100, 100, 120);

    /** Following alice at OLD_PLACE (with `profile` set), lost at 5 s. */
    function lostAlice(profile: Float32Array | null = alice): CandidateMachine {
      const machine = following(OLD_PLACE);
      machine.setProfile(profile);
      machine.tracked(null, machine.crop ?? box(0, 0, 1), 5000);
      expect(machine.candidate.state).toBe('lost');
      return machine;
    }

    // The tiles moved: bob now sits where alice was, alice is far away in a larger tile.
    const atOldPlace = described(box(110, 100, 120), bob);
    const moved = described(box(800, 300, 200), aliceRead);

    it('should find the candidate again by their face, not by the place their tile was', () => {
      const machine = lostAlice();
      const effects = machine.scanDone([atOldPlace, moved], 5100);
      expect(machine.candidate).toEqual({ state: 'proposed', box: moved });
      expect(machine.crop).toEqual(cropAround(moved, frame));
      expect(notes(effects)).toEqual([
        'Candidate found again by their face (face distance 0.20) after the layout changed.',
      ]);
    });

    it('should find them by their face even when they are the smaller face and nobody is at the old place', () => {
      const machine = lostAlice();
      const small = described(box(900, 500, 60), aliceRead);
      machine.scanDone([described(box(400, 200, 300), bob), small], 5100);
      expect(machine.candidate).toEqual({ state: 'proposed', box: small });
    });

    it('should follow the place without a profile (as before)', () => {
      const withoutProfile = lostAlice(null);
      withoutProfile.scanDone([atOldPlace, moved], 5100);
      expect(withoutProfile.candidate).toEqual({ state: 'proposed', box: atOldPlace });

      const cleared = lostAlice();
      cleared.setProfile(null);
      cleared.scanDone([atOldPlace, moved], 5100);
      expect(cleared.candidate.box).toEqual(atOldPlace);
    });

    it('should not take a face described as someone else for the candidate, at the old place or alone', () => {
      const bobAtOldPlace = lostAlice();
      bobAtOldPlace.scanDone([atOldPlace, { ...moved, descriptor: null }], 5100);
      expect(bobAtOldPlace.candidate).toEqual({ state: 'lost', box: OLD_PLACE });

      const bobAlone = lostAlice();
      bobAlone.scanDone([described(box(800, 300, 200), bob)], 5100);
      expect(bobAlone.candidate).toEqual({ state: 'lost', box: OLD_PLACE });

      const undescribedAtOldPlace = lostAlice();
      undescribedAtOldPlace.scanDone([{ ...atOldPlace, descriptor: null }], 5100);
      expect(undescribedAtOldPlace.candidate.box).toEqual({ ...atOldPlace, descriptor: null });
    });

    it('should still follow the old place when its face read between the same-person and different lines', () => {
      // One read at scan resolution is noisier than a profile: 0.5 is not proof of someone else.
      const machine = lostAlice();
      const unsure = described(box(110, 100, 120), descriptorAway(alice, 0.5, 9));
      machine.scanDone([unsure], 5100);
      expect(machine.candidate).toEqual({ state: 'proposed', box: unsure });
    });

    it('should not call finding the candidate again by their face a change of person', () => {
      const machine = lostAlice();
      const effects = machine.scanDone([described(box(800, 300, 200), aliceRead)], 5100);
      expect(effects.some((effect) => effect.kind === 'person-changed')).toBe(false);
    });

    it('should not propose the largest face when every face was described and none is the candidate', () => {
      const machine = lostAlice();
      const faces = [described(box(900, 400, 60), bob), described(box(600, 500, 90), carol)];
      expect(machine.scanDone(faces, 5000 + CANDIDATE.reproposeAfterMs)).toEqual([]);
      expect(machine.scanDone(faces, 5000 + 10 * CANDIDATE.reproposeAfterMs)).toEqual([]);
      expect(machine.candidate).toEqual({ state: 'lost', box: OLD_PLACE });
      // The candidate comes back: found by their face.
      const back = described(box(300, 400, 100), aliceRead);
      machine.scanDone([...faces, back], 5000 + 11 * CANDIDATE.reproposeAfterMs);
      expect(machine.candidate).toEqual({ state: 'proposed', box: back });
    });

    it('should still propose the largest face after CANDIDATE.reproposeAfterMs when a face was not described', () => {
      const machine = lostAlice();
      const faces = [described(box(900, 400, 60), bob), described(box(600, 500, 90), null)];
      expect(machine.scanDone(faces, 5000 + CANDIDATE.reproposeAfterMs - 1)).toEqual([]);
      const effects = machine.scanDone(faces, 5000 + CANDIDATE.reproposeAfterMs);
      expect(machine.candidate).toEqual({ state: 'proposed', box: faces[1] });
      expect(notes(effects)[0]).toMatch(/largest face is proposed/);
    });

    it('should still propose the largest face after CANDIDATE.reproposeAfterMs without a profile', () => {
      const machine = lostAlice(null);
      const faces = [described(box(900, 400, 60), bob), described(box(600, 500, 90), carol)];
      machine.scanDone(faces, 5000 + CANDIDATE.reproposeAfterMs);
      expect(machine.candidate).toEqual({ state: 'proposed', box: faces[1] });
    });

    it('should give the faces of the latest scan that are not the candidate, with their descriptors', () => {
      const machine = new CandidateMachine();
      machine.resize(frame);
      expect(machine.others).toEqual([]);
      const candidate = described(box(400, 150, 200), alice);
      const beside = described(box(700, 300, 100), bob);
      const plain = box(100, 500, 80);
      machine.scanDone([beside, plain, candidate], 0);
      expect(machine.candidate.box).toEqual(candidate);
      expect(machine.others).toEqual([beside, plain]);
      expect(machine.others[0]?.descriptor).toBe(bob);
      expect((machine.faces[0] as ScannedFace | undefined)?.descriptor).toBe(alice);

      machine.choose(beside, 100);
      expect(machine.others).toEqual([candidate, plain]);
    });
  });
});
