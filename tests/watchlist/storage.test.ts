import { describe, expect, it } from 'vitest';
import { banTerm, forgetPaper, pinTerm } from '../../lib/cluster/profile';
import { Insights } from '../../lib/db/insights';
import { Library } from '../../lib/db/library';
import { backupJson, parseBackup } from '../../lib/export/backup';
import { follow } from '../../lib/watchlist/watchlist';
import { freshDbName, makeRecord } from '../helpers/papers';

describe('watchlist and profile steering in the library settings', () => {
  it('are stored, carried by a backup and restored from it', async () => {
    const library = await Library.open({ name: freshDbName(), onChange: () => {}, now: () => 1 });
    const watchlist = follow(follow({ authors: [], keywords: [] }, 'author', 'Y. LeCun'), 'keyword', 'diffusion');
    const relevanceProfile = forgetPaper(
      pinTerm(banTerm({ pinned: [], banned: [], forgotten: [] }, 'survey'), 'graph'),
      'arxiv:2401.00001',
    );
    await library.updateSettings({ watchlist, relevanceProfile });
    const settings = await library.getSettings();
    expect(settings.watchlist).toEqual({ authors: ['Y. LeCun'], keywords: ['diffusion'] });
    expect(settings.relevanceProfile).toEqual({
      pinned: ['graph'],
      banned: ['survey'],
      forgotten: ['arxiv:2401.00001'],
    });

    const parsed = parseBackup(backupJson(await library.exportContents()));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.backup.settings.watchlist).toEqual(settings.watchlist);
    expect(parsed.backup.settings.relevanceProfile).toEqual(settings.relevanceProfile);

    const restored = await Library.open({ name: freshDbName(), onChange: () => {}, now: () => 1 });
    await restored.replaceContents(parsed.backup);
    expect((await restored.getSettings()).watchlist).toEqual(settings.watchlist);
    expect((await restored.getSettings()).relevanceProfile).toEqual(settings.relevanceProfile);
  });

  it('an older backup without them restores with empty lists; a hostile one is refused with its place named', async () => {
    const library = await Library.open({ name: freshDbName(), onChange: () => {}, now: () => 1 });
    const json = JSON.parse(backupJson(await library.exportContents()));
    delete json.settings.watchlist;
    delete json.settings.relevanceProfile;
    const old = parseBackup(JSON.stringify(json));
    expect(old.ok && old.backup.settings.watchlist).toEqual({ authors: [], keywords: [] });
    json.settings.watchlist = { authors: ['x'.repeat(5000)] };
    const hostile = parseBackup(JSON.stringify(json));
    expect(hostile.ok).toBe(false);
    expect(!hostile.ok && hostile.errors[0]?.where).toMatch(/settings\.watchlist\.authors/);
  });
});

describe('Insights.relevance', () => {
  it('applies the stored watchlist and steering: a match leads the reasons, a banned term is no reason', async () => {
    const library = await Library.open({ name: freshDbName(), onChange: () => {}, now: () => 1 });
    const insights = new Insights(async () => library);
    await library.savePapers([
      makeRecord('2401.00001', { title: 'Diffusion models for robot grasping', abstract: 'Grasping with diffusion.' }),
      makeRecord('2401.00002', { title: 'Grasping objects with diffusion', abstract: 'Robot grasping policies.' }),
    ]);
    const page = [
      {
        id: 'a',
        title: 'Robot grasping policies',
        abstract: 'Grasping of objects by a robot arm.',
        authors: ['Y. LeCun'],
      },
      { id: 'b', title: 'Parsing sentences', abstract: 'A grammar for sentences.' },
    ];
    await library.updateSettings({
      watchlist: { authors: ['Yann LeCun'], keywords: [] },
      relevanceProfile: { pinned: [], banned: ['grasping'], forgotten: [] },
    });
    insights.invalidate();
    const scores = await insights.relevance(page);
    const a = scores.find((s) => s.id === 'a')!;
    expect(a.reasons[0]).toBe('Follows: Y. LeCun');
    expect(a.reasons).not.toContain('grasping');
  });
});
