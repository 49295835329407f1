/**
 * Relevance of digest cards and tag suggestions, computed in the background from the library.
 * The library-side inputs (judged papers, the tag model) are cached and rebuilt only after the library changed,
 * so scoring a page costs only the page.
 */
import { buildTagModel, type JudgedPaper, scoreCandidates, type TaggedPaper, type TagModel } from '../cluster';
import type { PaperInput } from '../cluster/cluster';
import { buildProfile, type RelevanceProfile } from '../cluster/profile';
import type { LibraryPaper } from '../paper/schema';
import type { Library } from './library';

/** Enough recent examples to learn a researcher's taste; more only slows scoring down. */
const MAX_EXAMPLES = 2_000;

export function judgementOf(paper: LibraryPaper): JudgedPaper['judgement'] | null {
  if (paper.status === 'dismissed') return 'negative';
  if (paper.saved || paper.tags.length > 0) return 'positive';
  return null;
}

export class Insights {
  private revision = 0;
  private judged: { revision: number; papers: JudgedPaper[] } | null = null;
  private tags: { revision: number; model: TagModel | null } | null = null;

  constructor(private readonly library: () => Promise<Library>) {}

  /** Called on every library change: cached models are rebuilt on next use. */
  invalidate(): void {
    this.revision++;
  }

  private async judgedPapers(): Promise<JudgedPaper[]> {
    if (this.judged?.revision === this.revision) return this.judged.papers;
    const revision = this.revision;
    const all = await (await this.library()).listPapers();
    const recent = all.sort((a, b) => b.updatedAt - a.updatedAt);
    const positives: JudgedPaper[] = [];
    const negatives: JudgedPaper[] = [];
    for (const paper of recent) {
      const judgement = judgementOf(paper);
      if (judgement === null) continue;
      const list = judgement === 'positive' ? positives : negatives;
      if (list.length < MAX_EXAMPLES)
        list.push({ id: paper.id, title: paper.title, abstract: paper.abstract, authors: paper.authors, judgement });
    }
    const papers = [...positives, ...negatives];
    this.judged = { revision, papers };
    return papers;
  }

  /** Whether `relevance` would score anything: the library holds a paper the researcher kept. */
  async canScore(): Promise<boolean> {
    return (await this.judgedPapers()).some((p) => p.judgement === 'positive');
  }

  /** Scores for the cards of a page; empty when the library holds nothing the researcher kept. */
  async relevance(candidates: PaperInput[]): Promise<{ id: string; score: number; reasons: string[] }[]> {
    const judged = await this.judgedPapers();
    if (!judged.some((p) => p.judgement === 'positive')) return [];
    // The researcher's watchlist and steering (settings) are read per page: a change applies to the next scoring.
    const { watchlist, relevanceProfile } = await (await this.library()).getSettings();
    return scoreCandidates(judged, candidates, { watchlist, steering: relevanceProfile });
  }

  /** What drives relevance, as the side panel shows it: the steering applied, forgotten papers left out. */
  async profile(): Promise<RelevanceProfile> {
    const judged = await this.judgedPapers();
    const { relevanceProfile } = await (await this.library()).getSettings();
    return buildProfile(judged, relevanceProfile);
  }

  async suggestTags(paper: PaperInput, count = 3): Promise<{ tag: string; score: number }[]> {
    if (this.tags?.revision !== this.revision) {
      const revision = this.revision;
      const all = await (await this.library()).listPapers();
      const tagged: TaggedPaper[] = all
        .filter((p) => p.tags.length > 0)
        .sort((a, b) => b.updatedAt - a.updatedAt)
        .slice(0, 5 * MAX_EXAMPLES)
        .map((p) => ({ id: p.id, title: p.title, abstract: p.abstract, tags: p.tags }));
      this.tags = { revision, model: tagged.length ? buildTagModel(tagged) : null };
    }
    const model = this.tags.model;
    if (!model) return [];
    return model.suggest(paper, count).map(({ tag, score }) => ({ tag, score }));
  }
}
