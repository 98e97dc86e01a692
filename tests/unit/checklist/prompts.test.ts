import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_PROMPTS,
  defaultTemplate,
  parseTemplate,
  PROMPT_GROUPS,
  promptWords,
  templateToJson,
  type Prompt,
} from '@/utils/checklist/prompts';

const builtIn = (id: string) => BUILT_IN_PROMPTS.find((prompt) => prompt.id === id) as Prompt;

describe('prompt library', () => {
  it('should cover every purpose and give each prompt the words, why and what to watch', () => {
    for (const group of PROMPT_GROUPS)
      expect(
        BUILT_IN_PROMPTS.some((prompt) => prompt.group === group),
        group,
      ).toBe(true);
    const template = defaultTemplate();
    expect(template.prompts).toHaveLength(BUILT_IN_PROMPTS.length);
    expect(template.prompts[0]?.group).toBe('liveness');
  });

  it('should export and import a template unchanged', () => {
    const template = { ...defaultTemplate('Senior backend'), hidden: ['remove-glasses'] };
    const back = parseTemplate(templateToJson(template));
    expect(back).toEqual({ template });
  });

  it.each([
    ['not json {', /not JSON/],
    ['{"kind":"something-else"}', /not a Liveproof checklist template at kind/],
    [JSON.stringify({ ...defaultTemplate(), prompts: [] }), /at prompts/],
    [
      JSON.stringify({ ...defaultTemplate(), prompts: [BUILT_IN_PROMPTS[0], BUILT_IN_PROMPTS[0]] }),
      /unique \(repeated: turn-profile\)/,
    ],
    [
      JSON.stringify({ ...defaultTemplate(), prompts: [{ ...BUILT_IN_PROMPTS[0], id: 'Bad Id' }] }),
      /at prompts\.0\.id: ids are/,
    ],
    [
      JSON.stringify({ ...defaultTemplate(), prompts: [{ ...BUILT_IN_PROMPTS[0], responseS: 60 }] }),
      /at prompts\.0\.responseS: prompts checked against the signals are answered within 30 s/,
    ],
  ])('should refuse %s with a clear message', (json, message) => {
    const result = parseTemplate(json);
    expect('problem' in result && result.problem).toMatch(message);
  });

  it('should check the photo ID against the live signals (verifier photo-id), and keep it through export', () => {
    const id = builtIn('id-document');
    expect(id).toMatchObject({ group: 'identity', verifier: 'photo-id' });
    expect(BUILT_IN_PROMPTS.filter((prompt) => prompt.verifier === 'photo-id').map((prompt) => prompt.id)).toEqual([
      'id-document',
    ]);
    const template = { ...defaultTemplate(), prompts: [id] };
    expect(parseTemplate(templateToJson(template))).toEqual({ template });
    const unknown = JSON.stringify({ ...template, prompts: [{ ...id, verifier: 'photo-match' }] });
    expect('problem' in parseTemplate(unknown)).toBe(true);
  });

  it('should fill a prompt with its random challenge', () => {
    expect(promptWords(builtIn('read-phrase'), { phrase: 'blue apple river', side: 'left' })).toBe(
      'Could you read these words aloud for me, slowly, twice: blue apple river',
    );
    expect(promptWords(builtIn('turn-profile'), { phrase: '', side: 'left' })).toMatch(/to the left until/);
  });
});
