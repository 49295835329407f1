/**
 * Example cards to try the triage keys on (the welcome page): the real strip (CardStrip, in its own shadow root as
 * on a digest page) on made-up papers whose state lives here only. Nothing reaches the library. Keys are the user's
 * own bindings, read as the digest pages read them (lib/triage/keys.ts).
 */
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import type { KeyBindings } from '../lib/settings';
import { actionForKey, TRIAGE_KEYS, type TriageAction } from '../lib/triage/keys';
import type { StripProps, StripState } from '../lib/triage/view';
import { CardStrip, STRIP_CSS } from './CardStrip';

type DemoPaper = { id: string; title: string; authors: string; abstract: string };
type DemoState = { saved: boolean; dismissed: boolean; tags: string[]; note: string | null };

function demoPapers(): DemoPaper[] {
  return [
    { id: 'demo-1', title: t('demoTitle1'), authors: t('demoAuthors1'), abstract: t('demoAbstract1') },
    { id: 'demo-2', title: t('demoTitle2'), authors: t('demoAuthors2'), abstract: t('demoAbstract2') },
  ];
}

const EMPTY: DemoState = { saved: false, dismissed: false, tags: [], note: null };

/** CardStrip rendered into an open shadow root with the strip's own CSS, as the content script shows it. */
function ShadowStrip(props: StripProps) {
  const host = useRef<HTMLSpanElement>(null);
  const mount = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const root = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = STRIP_CSS;
    const container = document.createElement('span');
    root.replaceChildren(style, container);
    mount.current = container;
    return () => {
      render(null, container);
      mount.current = null;
    };
  }, []);
  useEffect(() => {
    if (mount.current) render(<CardStrip {...props} />, mount.current);
  });
  return <span class="demo-strip" ref={host} />;
}

export function DemoCards({ keys }: { keys: KeyBindings }) {
  const papers = demoPapers();
  const [active, setActive] = useState(0);
  const [states, setStates] = useState<DemoState[]>(papers.map(() => EMPTY));
  const [editor, setEditor] = useState<'tag' | 'note' | null>(null);
  const [help, setHelp] = useState(false);
  const [said, setSaid] = useState('');
  const cards = useRef<(HTMLElement | null)[]>([]);

  const change = (index: number, patch: Partial<DemoState>) =>
    setStates((all) => all.map((s, i) => (i === index ? { ...s, ...patch } : s)));
  const focusCard = (index: number) => {
    setActive(index);
    cards.current[index]?.focus();
  };
  const titleOf = (index: number) => (papers[index] as DemoPaper).title;

  const act = (action: TriageAction) => {
    const state = states[active] as DemoState;
    const title = titleOf(active);
    switch (action) {
      case 'next':
      case 'previous': {
        const next = Math.min(papers.length - 1, Math.max(0, active + (action === 'next' ? 1 : -1)));
        focusCard(next);
        return setSaid(t('demoMoved', titleOf(next)));
      }
      case 'save':
        change(active, { saved: !state.saved });
        return setSaid(state.saved ? t('demoUnsaved', title) : t('demoSaved', title));
      case 'dismiss':
        change(active, { dismissed: !state.dismissed });
        return setSaid(state.dismissed ? t('demoUndismissed', title) : t('demoDismissed', title));
      case 'tag':
      case 'note':
        setEditor(action);
        return setSaid(action === 'tag' ? t('demoTagOpen') : t('demoNoteOpen'));
      case 'open':
        return setSaid(t('demoOpen', title));
      case 'help':
        setHelp((shown) => !shown);
        return setSaid(help ? t('demoHelpHidden') : t('demoHelpShown'));
    }
  };

  const strip = (index: number): StripProps => {
    const state = states[index] as DemoState;
    const stripState: StripState = {
      saved: state.saved,
      dismissed: state.dismissed,
      tags: state.tags,
      hasNote: state.note !== null,
      note: state.note,
      isNew: !state.saved && !state.dismissed,
      focused: index === active,
      selecting: false,
      selected: false,
      busy: false,
      error: null,
      relevance: null,
      copied: false,
      topic: null,
      // The welcome page's example cards follow no one: no watchlist there.
      watch: null,
      authors: [],
    };
    const closeEditor = () => {
      setEditor(null);
      cards.current[index]?.focus();
    };
    return {
      state: stripState,
      title: titleOf(index),
      tagOptions: [],
      suggestions: [t('demoSuggestedTag')],
      editor: index === active ? editor : null,
      onEditorClose: closeEditor,
      onEditorOpen: (which) => {
        setActive(index);
        setEditor(which);
      },
      actions: {
        toggleSave: () => change(index, { saved: !state.saved }),
        toggleDismiss: () => change(index, { dismissed: !state.dismissed }),
        addTag: (tag) => {
          change(index, { tags: [...new Set([...state.tags, tag])] });
          setSaid(t('demoTagged', titleOf(index), tag));
        },
        removeTag: (tag) => change(index, { tags: state.tags.filter((x) => x !== tag) }),
        follow: () => {},
        unfollow: () => {},
        saveNote: (note) => {
          change(index, { note: note.trim() ? note : null });
          setSaid(t('demoNoted', titleOf(index)));
        },
        toggleSelect: () => {},
        copyBibtex: () => setSaid(t('demoCopy')),
      },
    };
  };

  return (
    <div class="demo">
      <dl class="key-list" data-testid="key-list">
        {TRIAGE_KEYS.map(([action, label]) => (
          <div key={action}>
            <dt>
              <kbd>{keys[action]}</kbd>
            </dt>
            <dd>{t(label)}</dd>
          </div>
        ))}
      </dl>
      <p class="muted">{t('demoHowTo')}</p>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the cards inside take focus; the keys are read here, as on a digest page */}
      <div
        class="demo-cards"
        data-testid="demo-cards"
        onKeyDown={(event) => {
          const action = actionForKey(event as KeyboardEvent, keys);
          if (!action) return;
          event.preventDefault();
          act(action);
        }}
      >
        {papers.map((paper, index) => (
          <article
            key={paper.id}
            class={`demo-card${index === active ? ' active' : ''}${states[index]?.dismissed ? ' dismissed' : ''}`}
            data-testid="demo-card"
            aria-labelledby={`${paper.id}-title`}
            // One card in the tab order (the active one); j and k move between them.
            tabIndex={index === active ? 0 : -1}
            ref={(el) => {
              cards.current[index] = el;
            }}
            onFocus={() => setActive(index)}
          >
            <h4 id={`${paper.id}-title`}>{paper.title}</h4>
            <p class="muted">{paper.authors}</p>
            <p>{paper.abstract}</p>
            <ShadowStrip {...strip(index)} />
          </article>
        ))}
      </div>
      {help && (
        <div class="demo-help" role="note" data-testid="demo-help">
          <p>{t('demoHelpText')}</p>
        </div>
      )}
      <p class="demo-said" role="status" aria-live="polite" data-testid="demo-said">
        {said}
      </p>
    </div>
  );
}
