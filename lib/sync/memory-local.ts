/**
 * The library held in memory, as the command line reads it from a backup file (and the property test uses it
 * for speed). The same compare-and-set rules as the IndexedDB library (lib/db/sync-store.ts).
 */
import type { LibraryContents } from '../db/reads';
import type { LibraryPaper, Sighting, TagInfo } from '../paper/schema';
import { SettingsPatch } from '../settings';
import { sightingKey } from './doc';
import type { IdentityMerge } from './identity-merge';
import { type LocalSnapshot, type LocalStore, type LocalWrite, localHash } from './reconcile';
import type { PaperShadow, SettingsShadow, TagShadow } from './records';

export class MemoryLocal implements LocalStore {
  readonly papers = new Map<string, LibraryPaper>();
  readonly sightings = new Map<string, Sighting[]>();
  readonly tags = new Map<string, TagInfo>();
  settings: LibraryContents['settings'];
  readonly paperShadows = new Map<string, PaperShadow>();
  readonly tagShadows = new Map<string, TagShadow>();
  settingsShadow: SettingsShadow | null = null;

  constructor(contents: LibraryContents) {
    for (const p of contents.papers) this.papers.set(p.id, p);
    for (const s of contents.sightings) {
      const list = this.sightings.get(s.paperId);
      if (list) list.push(s);
      else this.sightings.set(s.paperId, [s]);
    }
    for (const t of contents.tags) this.tags.set(t.name, t);
    this.settings = contents.settings;
  }

  contents(): LibraryContents {
    return {
      papers: [...this.papers.values()],
      tags: [...this.tags.values()],
      sightings: [...this.sightings.entries()].filter(([id]) => this.papers.has(id)).flatMap(([, list]) => list),
      settings: this.settings,
    };
  }

  async snapshot(paperIds: readonly string[] | 'all'): Promise<LocalSnapshot> {
    const ids = paperIds === 'all' ? [...new Set([...this.papers.keys(), ...this.paperShadows.keys()])] : paperIds;
    const snapshot: LocalSnapshot = {
      papers: new Map(),
      paperShadows: new Map(),
      tags: new Map(this.tags),
      tagShadows: new Map(this.tagShadows),
      settings: this.settings,
      settingsShadow: this.settingsShadow,
    };
    for (const id of ids) {
      const paper = this.papers.get(id);
      if (paper) snapshot.papers.set(id, { paper, sightings: this.sightings.get(id) ?? [] });
      const shadow = this.paperShadows.get(id);
      if (shadow) snapshot.paperShadows.set(id, shadow);
    }
    return snapshot;
  }

  async papersByKeys(keys: readonly string[]): Promise<LibraryPaper[]> {
    const wanted = new Set(keys);
    return [...this.papers.values()].filter((p) => wanted.has(p.id) || (p.aliases ?? []).some((a) => wanted.has(a)));
  }

  async merge(merge: IdentityMerge & { expected: Record<string, string> }): Promise<boolean> {
    const { survivor, loser, paper, expected } = merge;
    for (const id of [survivor, loser]) if (localHash(this.papers.get(id)) !== expected[id]) return false;
    this.papers.set(survivor, paper);
    this.papers.delete(loser);
    const moved = (this.sightings.get(loser) ?? []).map((s) => ({ ...s, paperId: survivor }));
    const list = this.sightings.get(survivor) ?? [];
    const have = new Set(list.map(sightingKey));
    for (const s of moved) if (!have.has(sightingKey(s))) list.push(s);
    this.sightings.set(survivor, list);
    this.sightings.delete(loser);
    return true;
  }

  async apply(write: LocalWrite): Promise<string[]> {
    const stale: string[] = [];
    for (const w of write.papers) {
      if (localHash(this.papers.get(w.id)) !== w.expected) {
        stale.push(w.id);
        continue;
      }
      if (w.next === null) {
        this.papers.delete(w.id);
        this.sightings.delete(w.id);
      } else if (w.next) this.papers.set(w.id, w.next);
      if (w.addSightings.length) {
        const list = this.sightings.get(w.id) ?? [];
        const have = new Set(list.map(sightingKey));
        for (const s of w.addSightings) if (!have.has(sightingKey(s))) list.push(s);
        this.sightings.set(w.id, list);
      }
      this.paperShadows.set(w.id, w.shadow);
    }
    for (const w of write.tags) {
      if (localHash(this.tags.get(w.name)) !== w.expected) {
        stale.push(`tag:${w.name}`);
        continue;
      }
      if (w.next === null) this.tags.delete(w.name);
      else if (w.next) this.tags.set(w.name, w.next);
      this.tagShadows.set(w.name, w.shadow);
    }
    if (write.settings) {
      if (localHash(this.settings) !== write.settings.expected) stale.push('settings');
      else {
        if (write.settings.next) this.settings = { ...this.settings, ...SettingsPatch.parse(write.settings.next) };
        this.settingsShadow = write.settings.shadow;
      }
    }
    return stale;
  }
}
