import { describe, expect, it } from 'vitest';
import { topicFileName } from '../../lib/triage/features/page-topics';
import { isSpaNavigation, pageKey } from '../../lib/triage/navigation';

describe('isSpaNavigation', () => {
  const here = 'https://huggingface.co/papers?date=2024-08-01';
  it.each([
    ['https://huggingface.co/papers?date=2024-08-02', true],
    ['https://huggingface.co/papers/2408.00001', true],
    ['https://huggingface.co/papers?date=2024-08-01#community', false],
    ['blob:https://huggingface.co/0b6c3a9e-2d7e-4f0a-9f0e-1f2a3b4c5d6e', false],
    ['https://arxiv.org/abs/2408.00001', false],
    ['javascript:void(0)', false],
  ])('%s → %s', (next, expected) => {
    expect(isSpaNavigation(new URL(next), here)).toBe(expected);
  });
});

describe('names', () => {
  it('makes safe topic file names and page keys', () => {
    expect(topicFileName('LLM, language, large language', new Date('2026-11-24T10:00:00Z'))).toBe(
      'paperlane-llm-language-large-language-2026-11-24.bib',
    );
    expect(topicFileName('∑∫', new Date('2026-11-24T10:00:00Z'))).toBe('paperlane-topic-2026-11-24.bib');
    expect(pageKey('https://arxiv.org/list/cs.LG/new?skip=0&show=50')).toBe('arxiv.org/list/cs.LG/new');
  });
});
