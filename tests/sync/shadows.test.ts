// @vitest-environment node
/**
 * Where the library keeps sync's shadows (lib/db/sync-store.ts): one record per paper, and the 256 buckets of
 * earlier versions still read, then moved to their own records at the next sync write.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Library } from '../../lib/db/library';
import { openLibraryDb } from '../../lib/db/reads';
import { shadowBucket } from '../../lib/db/sync-store';
import { paperShadow } from '../../lib/sync/records';
import { freshDbName, makeLibraryPaper, makeRecord } from '../helpers/papers';

describe('paper shadows', () => {
  it('are read from the buckets of earlier versions, and moved to their own records by the next write', async () => {
    const name = freshDbName();
    const library = await Library.open({ name });
    await library.savePapers([makeRecord('2501.00031'), makeRecord('2501.00032')]);
    const old = paperShadow(makeLibraryPaper('2501.00031', { note: 'old' }));
    const db = await openLibraryDb(name);
    await db.put('meta', { key: shadowBucket('2501.00031'), value: { '2501.00031': old } });
    const before = await library.syncSnapshot(['2501.00031', '2501.00032']);
    expect(before.paperShadows.get('2501.00031')).toEqual(old);
    expect((await library.syncSnapshot('all')).paperShadows.get('2501.00031')).toEqual(old);

    const fresh = paperShadow(makeLibraryPaper('2501.00032'));
    const have = (await library.syncSnapshot(['2501.00032'])).papers.get('2501.00032')?.paper;
    const { localHash } = await import('../../lib/sync/reconcile');
    await library.syncApply({
      papers: [{ id: '2501.00032', expected: localHash(have), next: undefined, addSightings: [], shadow: fresh }],
      tags: [],
      settings: null,
    });
    const keys = (await db.getAllKeys('meta')).map(String).filter((k) => k.startsWith('sync:'));
    expect(keys.sort()).toEqual(['sync:paper:2501.00031', 'sync:paper:2501.00032']);
    const after = await library.syncSnapshot(['2501.00031', '2501.00032']);
    expect(after.paperShadows.get('2501.00031')).toEqual(old);
    expect(after.paperShadows.get('2501.00032')).toEqual(fresh);
    db.close();
    library.close();
  });
});
