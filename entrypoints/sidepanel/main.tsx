import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { LibraryView } from '@/components/LibraryView';
import { ask, followLibraryChanges } from '@/lib/messages/transport';
import type { LibraryPaper } from '@/lib/paper/schema';
import './style.css';

function SidePanel() {
  const [papers, setPapers] = useState<LibraryPaper[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [hits, setHits] = useState<string[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [query, setQuery] = useState('');

  const load = () =>
    ask('library/list', null).then(
      (list) => {
        setPapers(list);
        setLoading(false);
      },
      (e: unknown) => {
        setError(String(e));
        setLoading(false);
      },
    );

  useEffect(() => {
    void load();
    return followLibraryChanges(() => void load());
  }, []);

  useEffect(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) return setHits(null);
    setHits(
      papers
        .filter((p) => {
          const text =
            `${p.title} ${p.abstract ?? ''} ${p.authors.join(' ')} ${p.tags.join(' ')} ${p.note}`.toLowerCase();
          return words.every((w) => text.includes(w));
        })
        .map((p) => p.id),
    );
  }, [query, papers]);

  return (
    <LibraryView
      papers={papers}
      loading={loading}
      error={error}
      searchHits={hits}
      onSearch={setQuery}
      onOpen={(paper) => setSelected(paper.id)}
      selectedId={selected}
    />
  );
}

const app = document.getElementById('app');
if (app) render(<SidePanel />, app);
