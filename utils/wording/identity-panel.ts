/** The side panel's face identity words: the consent line, the switch, the round link. */
export const IDENTITY_PANEL = {
  title: 'Face identity',
  consentLine:
    'Liveproof compares face measurements of the candidate on this device only; tell the candidate; offer ' +
    'another way to verify.',
  consent: 'Candidate told: compare faces',
  decline: 'Not in this session',
  off: 'Face identity is off for this session: no face is measured or compared.',
  switchOn: 'Switch on',
  switchOff: 'Switch off for this session',
  confirmOff: 'Switch face identity off for this session? Its face measurements and round comparison are deleted.',
  faces: (count: number) =>
    count === 0
      ? 'On: no face read from the front yet.'
      : `On: ${count} face${count === 1 ? '' : 's'} read from the front (numbers only, never a picture).`,
  roundLabel: 'Round of',
  firstRound: 'First round (no earlier session)',
  noEarlier: 'No earlier session on this device to link.',
  resemblances: 'Resembles earlier sessions (returning applicant check):',
} as const;
