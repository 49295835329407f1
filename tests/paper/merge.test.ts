import { describe, expect, it } from 'vitest';
import { mergeFields } from '../../lib/paper/merge';
import { makeRecord } from '../helpers/papers';

describe('mergeFields', () => {
  const at = (published: string | null, venue: string | null = null) => makeRecord('2105.00001', { published, venue });

  it('keeps the more precise of two dates that agree, whichever came first', () => {
    expect(mergeFields(at('2021-05'), at('2021-05-03')).published).toBe('2021-05-03');
    expect(mergeFields(at('2021-05-03'), at('2021-05')).published).toBe('2021-05-03');
    expect(mergeFields(at('2021'), at('2021-05')).published).toBe('2021-05');
  });

  it('takes the newer date where the two disagree, and keeps one where only one is known', () => {
    expect(mergeFields(at('2021-05-03'), at('2022')).published).toBe('2022');
    expect(mergeFields(at('2021-05-03'), at('2021-06-01')).published).toBe('2021-06-01');
    expect(mergeFields(at('2021-05-03'), at(null)).published).toBe('2021-05-03');
    expect(mergeFields(at(null), at('2021')).published).toBe('2021');
  });

  it('keeps a venue a newer description does not give', () => {
    expect(mergeFields(at(null, 'Nature'), at(null)).venue).toBe('Nature');
    expect(mergeFields(at(null, 'Nature'), at(null, 'Science')).venue).toBe('Science');
  });
});
