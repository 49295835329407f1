/**
 * Between the library's records and the replicated documents: what a device's edits write into a document
 * (`capture*`), what a merged document makes of the library (`materialise*`), and the shadow that tells one from
 * the other.
 *
 * The shadow is what the library held, field by field (as short hashes), the last time it and the documents
 * agreed. A field that differs from its shadow was edited on this device, and only that field gets a new stamp;
 * a field that differs from the document but not from its shadow was changed elsewhere, and the document's value
 * is taken. Without the shadow a remote edit not yet applied would look like a local one and be overwritten.
 *
 * A record that was never synced (no shadow: a library that existed before sync was turned on) is dated by its own
 * times: its fields are stamped at its `updatedAt`, and the values nobody chose (not saved, unread, no note, no
 * tags) at the lowest stamp, so that joining a library never undoes a decision made on another device.
 */

import { LibraryPaper, type Sighting, TagInfo } from '../paper/schema';
import { DEFAULT_SETTINGS, type Settings } from '../settings';
import {
  emptyDoc,
  mergeDocs,
  presentElements,
  type SyncDoc,
  stableJson,
  unionSightings,
  writeElement,
  writeField,
} from './doc';
import { type HybridClock, makeStamp, ZERO_STAMP } from './hlc';

export type PaperShadow = {
  present: boolean;
  h: Record<string, string>;
  tags: string[];
  sites: string[];
  /** Absent in shadows written before papers had aliases. */
  aliases?: string[];
};
export type TagShadow = { present: boolean; h: Record<string, string> };
export type SettingsShadow = { h: Record<string, string> };

/** A 53-bit hash of a value's stable JSON, in base 36 (cyrb53): enough to tell "changed" from "not changed". */
export function hashValue(value: unknown): string {
  const text = stableJson(value) ?? 'undefined';
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

// ---- papers ----

/**
 * The paper's fields as registers. The three identifiers are one register (the paper's id is derived from them,
 * and each device's combination is a valid one); saved and savedAt are one. Tags and sites are sets, sightings a
 * grow-only set. A field a newer library adds (not listed) becomes a register of its own name.
 */
const GROUPED: Record<string, readonly (keyof LibraryPaper)[]> = {
  ids: ['arxivId', 'doi', 'url'],
  saved: ['saved', 'savedAt'],
};
const NOT_REGISTERS = new Set(['id', 'tags', 'sites', 'aliases', 'arxivId', 'doi', 'url', 'saved', 'savedAt']);

export function paperRegisters(paper: LibraryPaper): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, keys] of Object.entries(GROUPED)) {
    out[name] = Object.fromEntries(keys.map((k) => [k, paper[k]]));
  }
  for (const [key, value] of Object.entries(paper)) if (!NOT_REGISTERS.has(key)) out[key] = value;
  return out;
}

/** Values nobody chose: stamped lowest when a library joins, so a decision made elsewhere stands. */
function isUnchosen(field: string, value: unknown): boolean {
  if (field === 'saved') return (value as { saved: boolean }).saved === false;
  if (field === 'status') return value === 'unread';
  if (field === 'note') return value === '';
  return false;
}

export function paperShadow(paper: LibraryPaper | null, previous?: PaperShadow): PaperShadow {
  if (!paper) {
    return {
      present: false,
      h: previous?.h ?? {},
      tags: previous?.tags ?? [],
      sites: previous?.sites ?? [],
      aliases: previous?.aliases ?? [],
    };
  }
  const h: Record<string, string> = {};
  for (const [field, value] of Object.entries(paperRegisters(paper))) h[field] = hashValue(value);
  return { present: true, h, tags: [...paper.tags], sites: [...paper.sites], aliases: [...(paper.aliases ?? [])] };
}

/** A paper merged into another on this device: what the library last agreed with, and its document here. */
export type Absorbed = { key: string; shadow: PaperShadow; doc: SyncDoc | null };

export type LocalPaper = { paper: LibraryPaper; sightings: readonly Sighting[] };

/**
 * The document after this device's edits since its shadow: `base` is the merge of every version the device holds
 * (null: none), `local` the library's record (null: not in the library). Returns `base` itself when nothing
 * changed, null when there is neither.
 */
export function capturePaper(
  base: SyncDoc | null,
  shadow: PaperShadow | undefined,
  local: LocalPaper | undefined,
  clock: HybridClock,
  /** The paper of this library that now names this one among its aliases (it was merged into it), if any. */
  survivor?: string,
  /** Papers this one took in by a merge on this device since the last pass: shadows and documents. */
  absorbed: readonly Absorbed[] = [],
): SyncDoc | null {
  if (!local) {
    // Deleted here since the last pass: stamped now even if the document already says deleted, since a restore
    // made elsewhere meanwhile may be on its way, and this delete is the later decision.
    if (!base || !shadow?.present) return base;
    const doc = cloneDoc(base);
    const stamp = clock.next();
    writeField(doc, 'deleted', true, stamp);
    // A merge of two records into one (lib/paper/identity.ts): the loser's document says which paper took it in,
    // under the stamp of its deletion (see `mergedInto`), and the survivor's names it in its `absorbed` set.
    if (survivor) writeField(doc, 'mergedInto', survivor, stamp);
    return doc;
  }
  const { paper } = local;
  const doc = base ? cloneDoc(base) : emptyDoc('paper', paper.id);
  const registers = paperRegisters(paper);
  let changed = !base;
  const field = (name: string, value: unknown, stamp: string) => {
    if (writeField(doc, name, value, stamp)) changed = true;
  };
  const element = (set: string, name: string, present: boolean, stamp: string) => {
    if (writeElement(doc, set, name, present, stamp)) changed = true;
  };
  if (!shadow) {
    const dated = clock.at(paper.updatedAt);
    for (const [name, value] of Object.entries(registers))
      field(name, value, isUnchosen(name, value) ? ZERO_STAMP : dated);
    field('deleted', false, dated);
    for (const tag of paper.tags) element('tags', tag, true, dated);
    for (const site of paper.sites) element('sites', site, true, dated);
    for (const alias of paper.aliases ?? []) element('aliases', alias, true, dated);
  } else {
    let stamp: string | null = null;
    const now = () => {
      stamp ??= clock.next();
      return stamp;
    };
    // Back after a delete (its undo, or seen again on a page): present from now on.
    if (!shadow.present) field('deleted', false, now());
    // A merge made here (lib/paper/resolve.ts): where the merged value differs from what either record held, it is
    // dated just after the newest decision this device had seen on either (`mergeStamp`), not now. So the records'
    // old values, folded in (`foldMerged`), do not undo it, while an edit of either record made on a device that had
    // not yet heard of the merge is later than it and stands, whenever it was made.
    const mergeStamp = (stampsSeen: (string | undefined)[]): string => {
      let newest = ZERO_STAMP;
      for (const s of stampsSeen) if (s && s > newest) newest = s;
      return clock.after(newest);
    };
    const seenField = (d: SyncDoc | null, h: Record<string, string>, name: string) => {
      const reg = d?.f[name];
      return reg && hashValue(reg.v) === h[name] ? reg.s : undefined;
    };
    const seenTag = (d: SyncDoc | null, tags: readonly string[], tag: string) => {
      const reg = d?.sets.tags?.[tag];
      return reg && reg.p === tags.includes(tag) ? reg.s : undefined;
    };
    for (const [name, value] of Object.entries(registers)) {
      const hash = hashValue(value);
      const mergedAway = absorbed.some((a) => a.shadow.h[name] !== undefined && a.shadow.h[name] !== hash);
      if (mergedAway || (absorbed.length && shadow.h[name] !== hash)) {
        const stamps = [seenField(base, shadow.h, name), ...absorbed.map((a) => seenField(a.doc, a.shadow.h, name))];
        field(name, value, mergeStamp(stamps));
      } else if (shadow.h[name] !== hash) field(name, value, now());
    }
    // Against the tags the paper had when last in step, even across a delete: an undo that puts the paper back
    // with the tags it had changes none of them, and a tag added meanwhile on another device stays.
    const had = new Set(shadow.tags);
    const has = new Set(paper.tags);
    const decideTag = (tag: string, present: boolean) => {
      if (!absorbed.length) return element('tags', tag, present, now());
      const stamps = [seenTag(base, shadow.tags, tag), ...absorbed.map((a) => seenTag(a.doc, a.shadow.tags, tag))];
      element('tags', tag, present, mergeStamp(stamps));
    };
    for (const tag of has) if (!had.has(tag)) decideTag(tag, true);
    for (const tag of had) if (!has.has(tag)) decideTag(tag, false);
    for (const a of absorbed) {
      for (const tag of new Set([...a.shadow.tags, ...has]))
        if (had.has(tag) === has.has(tag) && a.shadow.tags.includes(tag) !== has.has(tag)) decideTag(tag, has.has(tag));
    }
    const seenOn = new Set(shadow.sites);
    for (const site of paper.sites) if (!seenOn.has(site)) element('sites', site, true, now());
    const known = new Set(shadow.aliases ?? []);
    const aliases = new Set(paper.aliases ?? []);
    for (const alias of aliases) if (!known.has(alias)) element('aliases', alias, true, now());
    for (const alias of known) if (!aliases.has(alias)) element('aliases', alias, false, now());
    // The undo of a merge takes the merged paper's id out of the aliases: it is folded in no more.
    for (const key of presentElements(doc, 'absorbed'))
      if (known.has(key) && !aliases.has(key)) element('absorbed', key, false, now());
  }
  for (const { key } of absorbed) element('absorbed', key, true, clock.next());
  if (local.sightings.length) {
    const before = doc.g.length;
    doc.g = unionSightings(doc.g, local.sightings);
    if (doc.g.length !== before) changed = true;
  }
  return base && !changed ? base : doc;
}

/**
 * The paper a document's paper was merged into, if its latest deletion was that merge: `mergedInto` is written
 * with the same stamp as the deletion, so a later restore (an undo) or a plain delete made elsewhere ends it.
 */
export function mergedInto(doc: SyncDoc): string | null {
  const deleted = doc.f.deleted;
  const into = doc.f.mergedInto;
  if (!deleted || !into || deleted.v !== true || deleted.s !== into.s || typeof into.v !== 'string') return null;
  return into.v === doc.key ? null : into.v;
}

/** Registers that stay the merged-away paper's own: its identifiers, its deletion, what it absorbed itself. */
const NOT_FOLDED = new Set(['ids', 'deleted', 'mergedInto']);

/**
 * The survivor of a merge as every device sees it: its own document joined, register by register, with the
 * documents of the papers merged into it (`sources`, already folded themselves), so that an edit made to a
 * merged-away paper on a device that had not yet heard of the merge lands on the survivor. The join is computed,
 * never written: the undo of the merge (the survivor's `absorbed` element removed, the other paper restored) takes
 * the folded edits off the survivor again, and they stay on the paper they were made to.
 */
export function foldMerged(survivor: SyncDoc, sources: readonly SyncDoc[]): SyncDoc {
  let out = survivor;
  for (const source of sources) {
    const f: SyncDoc['f'] = {};
    for (const [name, reg] of Object.entries(source.f)) if (!NOT_FOLDED.has(name)) f[name] = reg;
    const sets: SyncDoc['sets'] = {};
    for (const [name, set] of Object.entries(source.sets)) if (name !== 'absorbed') sets[name] = set;
    const g = source.g.filter((s) => s.paperId === source.key).map((s) => ({ ...s, paperId: survivor.key }));
    out = mergeDocs(out, { ...emptyDoc('paper', survivor.key), f, sets, g });
  }
  return out;
}

export type MaterialisedPaper =
  | { ok: true; paper: LibraryPaper | null; sightings: Sighting[] }
  | { ok: false; error: string };

/** The library's record for a merged document (null: deleted), checked by the schema every record passes. */
export function materialisePaper(doc: SyncDoc): MaterialisedPaper {
  if (doc.f.deleted?.v === true) return { ok: true, paper: null, sightings: doc.g };
  const candidate: Record<string, unknown> = { id: doc.key };
  for (const [field, reg] of Object.entries(doc.f)) {
    if (field === 'deleted' || field === 'mergedInto') continue;
    const keys = GROUPED[field];
    if (keys) {
      const value = (reg.v ?? {}) as Record<string, unknown>;
      for (const k of keys) candidate[k] = value[k];
    } else candidate[field] = reg.v;
  }
  candidate.tags = presentElements(doc, 'tags');
  candidate.sites = presentElements(doc, 'sites').sort();
  candidate.aliases = presentElements(doc, 'aliases').sort();
  const parsed = LibraryPaper.safeParse(candidate);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? 'not a paper' };
  const sightings = doc.g.filter((s) => s.paperId === doc.key);
  return { ok: true, paper: parsed.data, sightings };
}

// ---- tags ----

export function tagShadow(tag: TagInfo | null, previous?: TagShadow): TagShadow {
  if (!tag) return { present: false, h: previous?.h ?? {} };
  return { present: true, h: { color: hashValue(tag.color), createdAt: hashValue(tag.createdAt) } };
}

export function captureTag(
  base: SyncDoc | null,
  shadow: TagShadow | undefined,
  local: TagInfo | undefined,
  clock: HybridClock,
): SyncDoc | null {
  if (!local) {
    if (!base || !shadow?.present) return base;
    const doc = cloneDoc(base);
    writeField(doc, 'deleted', true, clock.next());
    return doc;
  }
  const doc = base ? cloneDoc(base) : emptyDoc('tag', local.name);
  if (!shadow) {
    const dated = clock.at(local.createdAt);
    writeField(doc, 'color', local.color, dated);
    writeField(doc, 'createdAt', local.createdAt, dated);
    writeField(doc, 'deleted', false, dated);
  } else {
    let stamp: string | null = null;
    const now = () => {
      stamp ??= clock.next();
      return stamp;
    };
    if (!shadow.present) writeField(doc, 'deleted', false, now());
    if (shadow.h.color !== hashValue(local.color)) writeField(doc, 'color', local.color, now());
    if (shadow.h.createdAt !== hashValue(local.createdAt)) writeField(doc, 'createdAt', local.createdAt, now());
  }
  return base && stableJson(base) === stableJson(doc) ? base : doc;
}

export type MaterialisedTag = { ok: true; tag: TagInfo | null } | { ok: false; error: string };

export function materialiseTag(doc: SyncDoc): MaterialisedTag {
  if (doc.f.deleted?.v === true) return { ok: true, tag: null };
  const parsed = TagInfo.safeParse({ name: doc.key, color: doc.f.color?.v, createdAt: doc.f.createdAt?.v });
  return parsed.success ? { ok: true, tag: parsed.data } : { ok: false, error: parsed.error.issues[0]?.message ?? '' };
}

// ---- settings ----

/** The settings that belong to the person and follow them to every device; the others stay on each device. */
// The watchlist and the relevance steering are the person's too (issue 17): each travels as one field.
export const SYNCED_SETTINGS = ['theme', 'keys', 'disabledSites', 'watchlist', 'relevanceProfile'] as const;
export type SyncedSettings = Pick<Settings, (typeof SYNCED_SETTINGS)[number]>;

export function settingsShadow(settings: Settings): SettingsShadow {
  return { h: Object.fromEntries(SYNCED_SETTINGS.map((k) => [k, hashValue(settings[k])])) };
}

export function captureSettings(
  base: SyncDoc | null,
  shadow: SettingsShadow | undefined,
  local: Settings,
  clock: HybridClock,
): SyncDoc | null {
  const doc = base ? cloneDoc(base) : emptyDoc('settings', '');
  let stamp: string | null = null;
  for (const key of SYNCED_SETTINGS) {
    const value = local[key];
    if (!shadow) {
      // Settings carry no time: a device's own choice when it joins wins only over the defaults.
      const chosen = stableJson(value) !== stableJson(DEFAULT_SETTINGS[key]);
      writeField(doc, key, value, chosen ? makeStamp(1, 0, clock.device) : ZERO_STAMP);
    } else if (shadow.h[key] !== hashValue(value)) {
      stamp ??= clock.next();
      writeField(doc, key, value, stamp);
    }
  }
  if (!base && !shadow && Object.values(doc.f).every((r) => r.s === ZERO_STAMP)) return null;
  return base && stableJson(base) === stableJson(doc) ? base : doc;
}

export function materialiseSettings(doc: SyncDoc): Partial<SyncedSettings> {
  const out: Record<string, unknown> = {};
  for (const key of SYNCED_SETTINGS) if (doc.f[key]) out[key] = doc.f[key].v;
  return out as Partial<SyncedSettings>;
}

function cloneDoc(doc: SyncDoc): SyncDoc {
  const sets: SyncDoc['sets'] = {};
  for (const [name, set] of Object.entries(doc.sets)) sets[name] = { ...set };
  return { ...doc, f: { ...doc.f }, sets, g: doc.g };
}
