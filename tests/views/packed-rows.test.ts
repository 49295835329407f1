/**
 * The side panel's rows packed for its search snapshot (issue 19): what comes back is exactly what went in, nulls and
 * odd strings included, and parts that do not fit together are refused rather than read as wrong rows.
 */
import { describe, expect, it } from 'vitest';
import { toRow } from '../../lib/views/library-query';
import { packRows, unpackRows } from '../../lib/views/packed-rows';
import { makeLibraryPaper } from '../helpers/papers';

const rows = [
  toRow(makeLibraryPaper('2501.00001')),
  toRow(
    makeLibraryPaper('2501.00002', {
      title: 'Line one\nline two\t— ünïcødé 😀',
      authors: ['A', '', 'C\nD', 'E'],
      authorCount: 4,
      published: null,
      url: null,
      upvotes: null,
      savedAt: null,
      lastSeenAt: null,
      saved: false,
      status: 'dismissed',
      tags: ['to-read', 'théorie', ''],
      sites: ['arxiv', 'huggingface'],
      note: 'a note',
    }),
  ),
  toRow(
    makeLibraryPaper('2501.00003', {
      id: 'doi:10.1000/x',
      title: '',
      authors: [],
      authorCount: 0,
      published: '1998',
      upvotes: 0,
      savedAt: 0,
      lastSeenAt: 5,
      saved: true,
      status: 'reading',
      tags: ['to-read'],
      sites: [],
    }),
  ),
];

describe('packed rows', () => {
  it('come back exactly as they went in', () => {
    expect(unpackRows(packRows(rows))).toEqual(rows);
    expect(unpackRows(packRows([]))).toEqual([]);
    // Every null and every flag is there to be lost: the second row holds each null, the third each flag set.
    expect(rows[1]).toMatchObject({ published: null, url: null, upvotes: null, savedAt: null, hasNote: true });
    expect(rows[2]).toMatchObject({ saved: true, savedAt: 0, upvotes: 0, hasNote: false });
  });

  it('survive a structured clone (what IndexedDB stores)', () => {
    expect(unpackRows(structuredClone(packRows(rows)))).toEqual(rows);
  });

  it('refuse parts that do not fit together', () => {
    const packed = packRows(rows);
    expect(() => unpackRows({ ...packed, count: 4 })).toThrow();
    expect(() => unpackRows({ ...packed, lengths: packed.lengths.subarray(1) })).toThrow();
    expect(() => unpackRows({ ...packed, text: `${packed.text}x` })).toThrow();
    expect(() => unpackRows({ ...packed, words: [] })).toThrow();
    expect(() => unpackRows({ ...packed, refs: Uint32Array.from([...packed.refs, 0]) })).toThrow();
    expect(() => unpackRows({ ...packed, numbers: Array.from(packed.numbers) as unknown as Float64Array })).toThrow();
  });
});
