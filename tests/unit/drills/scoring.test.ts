import { describe, expect, it } from 'vitest';
import { drillOrder } from '@/utils/drills/order';
import { packToJson } from '@/utils/drills/pack';
import {
  combineResults,
  confidenceProbability,
  itemOutcome,
  parseResults,
  RESULTS_MAX_BYTES,
  resultsToJson,
  scoreDrill,
  trainerCsv,
  trainerMarkdown,
  type Answer,
  type DrillResults,
  type TrainerTable,
} from '@/utils/drills/scoring';
import { answer, drillPack, drillPackResults, FROZEN, GENUINE, PACK_ID, SHIFTED } from './drill-fixtures';

/** By hand: one of each outcome. */
const ANSWERS: Answer[] = [
  answer('ada', false, 4, 8000), // genuine called fake: a false accusation, sure of it
  answer('ada.shift+250', false, 5, 12000), // a hit, certain
  answer('bob', true, 3, 5000), // genuine called genuine
  answer('bob.frozen', true, 2, 3000), // a missed fake, unsure
];

const results = (trainee: string, answers: Answer[], startedAtMs = 1_000): DrillResults =>
  drillPackResults(trainee, answers, { startedAtMs });

describe('itemOutcome', () => {
  it('should name each of the four outcomes', () => {
    expect(itemOutcome(GENUINE, false)).toBe('false-accusation');
    expect(itemOutcome(GENUINE, true)).toBe('correct-genuine');
    expect(itemOutcome(SHIFTED, false)).toBe('hit');
    expect(itemOutcome(FROZEN, true)).toBe('missed-fake');
  });
});

describe('confidenceProbability', () => {
  it('should map 1..5 onto 0.5..1 in equal steps', () => {
    expect([1, 2, 3, 4, 5].map(confidenceProbability)).toEqual([0.5, 0.625, 0.75, 0.875, 1]);
  });
});

describe('scoreDrill', () => {
  it('should score a small drill as computed by hand, the false accusation counted apart', () => {
    const score = scoreDrill(drillPack().pack.items, ANSWERS);
    expect(score).toEqual({
      answered: 4,
      counts: { 'false-accusation': 1, 'missed-fake': 1, hit: 1, 'correct-genuine': 1 },
      accuracy: 0.5,
      calibration: {
        meanConfidenceRight: (5 + 3) / 2,
        meanConfidenceWrong: (4 + 2) / 2,
        // Wrong at 0.875, right at 1.0, right at 0.75, wrong at 0.625.
        brier: (0.875 ** 2 + 0 ** 2 + 0.25 ** 2 + 0.625 ** 2) / 4,
      },
      medianAnswerMs: (5000 + 8000) / 2,
      outcomes: [
        { itemId: 'ada', outcome: 'false-accusation' },
        { itemId: 'ada.shift+250', outcome: 'hit' },
        { itemId: 'bob', outcome: 'correct-genuine' },
        { itemId: 'bob.frozen', outcome: 'missed-fake' },
      ],
    });
    expect(score.calibration.brier).toBeCloseTo(0.3046875, 10);
    expect(Object.keys(score.counts)[0]).toBe('false-accusation');
  });

  it('should give nulls, not NaN, when nothing was answered', () => {
    expect(scoreDrill(drillPack().pack.items, [])).toMatchObject({
      answered: 0,
      accuracy: null,
      calibration: { meanConfidenceRight: null, meanConfidenceWrong: null, brier: null },
      medianAnswerMs: null,
    });
  });

  it('should refuse an answer to an item it has no key for', () => {
    expect(() => scoreDrill(drillPack().pack.items, [answer('eve', true, 3, 1000)])).toThrow('"eve"');
  });
});

describe('drillResults and parseResults', () => {
  it('should hold the items in the drill order of its seed, with their keys', () => {
    const { pack } = drillPack();
    const made = results('Ana', ANSWERS);
    expect(made.items.map((item) => item.id)).toEqual(drillOrder(pack.items, 42).map((item) => item.id));
    expect(made.items.find((item) => item.id === 'bob.frozen')?.key).toEqual(FROZEN);
    expect(made.pack).toEqual({ title: 'Interview drills, week 1', id: PACK_ID });
  });

  it('should read back what it wrote', () => {
    const made = results('Ana', ANSWERS);
    const text = resultsToJson(made);
    expect(parseResults(text, text.length)).toEqual({ results: made });
  });

  it('should refuse a file over the size limit, not JSON, foreign, a pack, or of a newer version', () => {
    const parse = (value: unknown) => {
      const text = JSON.stringify(value);
      return parseResults(text, text.length);
    };
    expect(parseResults('{}', RESULTS_MAX_BYTES + 1)).toEqual({
      problem: 'This drill results file is 2.1 MB, over the 2 MB Liveproof opens; nothing was imported.',
    });
    expect(parseResults('trainee,score', 13)).toEqual({
      problem: 'This file is not JSON, so it is not a Liveproof drill results file; nothing was imported.',
    });
    expect(parse({ answers: [] })).toEqual({
      problem: 'This is not a Liveproof drill results file; nothing was imported.',
    });
    const packText = packToJson(drillPack().pack);
    expect(parseResults(packText, packText.length)).toEqual({
      problem: 'This is a Liveproof drill pack, not a drill results file; nothing was imported.',
    });
    expect(parse({ ...results('Ana', ANSWERS), schemaVersion: 2 })).toEqual({
      problem: 'This drill results file was made by a newer Liveproof (version 2); update Liveproof to open it.',
    });
  });

  it.each([
    [
      'an answer to an item not in it',
      { answers: [answer('eve', true, 3, 1000)] },
      ' at answers.0.itemId: no item "eve" in these results',
    ],
    [
      'an item answered twice',
      { answers: [answer('bob', true, 3, 1000), answer('bob', false, 3, 1000)] },
      ' at answers.1.itemId: item "bob" is answered twice',
    ],
    [
      'a confidence of 6',
      { answers: [answer('bob', true, 6, 1000)] },
      ' at answers.0.confidence: Too big: expected number to be <=5',
    ],
    [
      'a note over 2000 characters',
      { answers: [{ ...answer('bob', true, 3, 1000), note: 'x'.repeat(2001) }] },
      ' at answers.0.note: Too big: expected string to have <=2000 characters',
    ],
    [
      'a cue given twice',
      { answers: [{ ...answer('bob', false, 3, 1000), cues: ['other', 'other'] }] },
      ' at answers.0.cues: each cue is given once',
    ],
    ['no trainee name', { trainee: ' ' }, ' at trainee: Too small: expected string to have >=1 characters'],
    [
      'a pack id that is not a hash',
      { pack: { title: 'x', id: 'x' } },
      ' at pack.id: a pack id is 64 lowercase hex digits',
    ],
  ])('should call results with %s damaged, saying where', (_case, change, where) => {
    const text = JSON.stringify({ ...results('Ana', []), ...change });
    expect(parseResults(text, text.length)).toEqual({
      problem: `This drill results file is damaged${where}; nothing was imported.`,
    });
  });
});

/**
 * Three trainees. By item:
 * - ada (genuine): Ana accuses, Ben accuses, Cy says genuine: 2 of 3 fooled, 2 false accusations.
 * - ada.shift+250: all three call it fake: 0 fooled.
 * - bob (genuine): all say genuine: 0 fooled.
 * - bob.frozen: Ana and Ben miss it, Cy skipped it: 2 of 2 fooled.
 */
function threeTrainees(): DrillResults[] {
  return [
    results('Ana', ANSWERS, 1_000),
    results(
      'Ben',
      [
        answer('ada', false, 2, 6000),
        answer('ada.shift+250', false, 4, 9000),
        answer('bob', true, 4, 4000),
        answer('bob.frozen', true, 4, 7000),
      ],
      2_000,
    ),
    results(
      'Cy',
      [answer('ada', true, 3, 2000), answer('ada.shift+250', false, 3, 3000), answer('bob', true, 5, 1000)],
      3_000,
    ),
  ];
}

describe('combineResults', () => {
  it('should count each item over all trainees, the items that fooled most people first', () => {
    const table = combineResults(threeTrainees()) as TrainerTable;
    expect(table.pack).toEqual({ title: 'Interview drills, week 1', id: PACK_ID });
    expect(table.trainees.map((trainee) => [trainee.name, trainee.score.counts['false-accusation']])).toEqual([
      ['Ana', 1],
      ['Ben', 1],
      ['Cy', 0],
    ]);
    expect(table.rows).toEqual([
      {
        itemId: 'bob.frozen',
        key: FROZEN,
        keyWords: 'Manipulated (Picture frozen for a stretch, 4.8–7.2 s): The picture was frozen for 2.4 s.',
        answered: 2,
        right: 0,
        falseAccusations: 0,
        missedFakes: 2,
        fooledShare: 1,
        meanConfidence: 3,
        meanConfidenceRight: null,
        meanConfidenceWrong: 3,
        medianAnswerMs: 5000,
      },
      {
        itemId: 'ada',
        key: GENUINE,
        keyWords: 'Genuine clip',
        answered: 3,
        right: 1,
        falseAccusations: 2,
        missedFakes: 0,
        fooledShare: 2 / 3,
        meanConfidence: 3,
        meanConfidenceRight: 3,
        meanConfidenceWrong: 3,
        medianAnswerMs: 6000,
      },
      {
        itemId: 'bob',
        key: GENUINE,
        keyWords: 'Genuine clip',
        answered: 3,
        right: 3,
        falseAccusations: 0,
        missedFakes: 0,
        fooledShare: 0,
        meanConfidence: 4,
        meanConfidenceRight: 4,
        meanConfidenceWrong: null,
        medianAnswerMs: 4000,
      },
      {
        itemId: 'ada.shift+250',
        key: SHIFTED,
        keyWords:
          'Manipulated (Sound shifted against the picture, 0–30 s): ' +
          'The sound was moved 250 ms later than the picture.',
        answered: 3,
        right: 3,
        falseAccusations: 0,
        missedFakes: 0,
        fooledShare: 0,
        meanConfidence: 4,
        meanConfidenceRight: 4,
        meanConfidenceWrong: null,
        medianAnswerMs: 9000,
      },
    ]);
  });

  it('should put a genuine item before a fake one that fooled as many, and unanswered items last', () => {
    const table = combineResults([
      results('Ana', [answer('ada', false, 3, 1000), answer('bob.frozen', true, 3, 1000)]),
    ]) as TrainerTable;
    expect(table.rows.map((row) => [row.itemId, row.fooledShare])).toEqual([
      ['ada', 1],
      ['bob.frozen', 1],
      ['bob', null],
      ['ada.shift+250', null],
    ]);
  });

  it('should refuse no results, results of different packs, and one drill chosen twice', () => {
    expect(combineResults([])).toEqual({
      problem: "Choose one or more trainees' results files to see how each item went.",
    });
    const other = { ...results('Dee', []), pack: { title: 'Week 2', id: 'b'.repeat(64) } };
    expect(combineResults([results('Ana', ANSWERS), other])).toEqual({
      problem:
        'Dee\'s results are for the pack "Week 2", not "Interview drills, week 1" (or another version of it); ' +
        'combine the results of one pack at a time.',
    });
    expect(combineResults([results('Ana', ANSWERS), results('Ana', ANSWERS)])).toEqual({
      problem: "Ana's results from the same drill were chosen twice; choose each file once.",
    });
  });
});

describe('trainerCsv and trainerMarkdown', () => {
  it('should write the per-item table as CSV, quoted where needed, numbers plain', () => {
    const table = combineResults(threeTrainees()) as TrainerTable;
    expect(trainerCsv(table).split('\r\n')).toEqual([
      'item,answer_key,false_accusations,missed_fakes,answered,right,fooled_share,mean_confidence,' +
        'mean_confidence_right,mean_confidence_wrong,median_answer_ms',
      'bob.frozen,"Manipulated (Picture frozen for a stretch, 4.8–7.2 s): The picture was frozen for 2.4 s.",' +
        '0,2,2,0,1,3,,3,5000',
      'ada,Genuine clip,2,0,3,1,0.667,3,3,3,6000',
      'bob,Genuine clip,0,0,3,3,0,4,4,,4000',
      'ada.shift+250,"Manipulated (Sound shifted against the picture, 0–30 s): ' +
        'The sound was moved 250 ms later than the picture.",0,0,3,3,0,4,4,,9000',
      '',
    ]);
  });

  it('should defuse an item id a spreadsheet would run, and leave empty what nobody answered', () => {
    const table = combineResults([results('Ana', [])]) as TrainerTable;
    const [first] = table.rows;
    if (!first) throw new Error('no rows');
    const hostile: TrainerTable = { ...table, rows: [{ ...first, itemId: '=HYPERLINK("x")' }] };
    expect(trainerCsv(hostile).split('\r\n')[1]).toMatch(/^"'=HYPERLINK\(""x""\)",[^,]+,0,0,0,0,,,,,$/);
  });

  it('should write totals with false accusations first, each trainee and each item as Markdown', () => {
    const markdown = trainerMarkdown(combineResults(threeTrainees()) as TrainerTable);
    expect(markdown).toContain(
      [
        '- Trainees: 3',
        '- False accusations (genuine called fake): 2',
        '- Missed fakes (fake called genuine): 2',
        '- Hits (fake called fake): 3',
        '- Genuine called genuine: 4',
      ].join('\n'),
    );
    expect(markdown).toContain('| Ana | 1 | 1 | 4 | 2 (50 %) | 6.5 s | 0.305 |');
    expect(markdown).toContain('| Cy | 0 | 0 | 3 | 3 (100 %) | 2 s |');
    expect(markdown).toContain('| bob.frozen | Manipulated (Picture frozen for a stretch, 4.8–7.2 s): ');
    expect(markdown).toContain('| ada | Genuine clip | 2 | 0 | 3 | 1 | 67 % | 3 / 3 | 6 s |');
  });

  it('should escape Markdown in names and ids', () => {
    const table = combineResults([results('Ana | *admin*', ANSWERS)]) as TrainerTable;
    expect(trainerMarkdown(table)).toContain('| Ana \\| \\*admin\\* | 1 |');
  });
});
