/** The views of on-page triage, as lib/triage asks for them (lib/triage/view.ts): the entry point passes this in. */
import { render } from 'preact';
import type { TriageView } from '../lib/triage/view';
import { CardStrip, STRIP_CSS } from './CardStrip';
import { PageToolbar, TOOLBAR_CSS } from './PageToolbar';

export const triageView: TriageView = {
  stripCss: STRIP_CSS,
  toolbarCss: TOOLBAR_CSS,
  strip: (mount, props) => render(props && <CardStrip {...props} />, mount),
  toolbar: (mount, props) => render(props && <PageToolbar {...props} />, mount),
};
