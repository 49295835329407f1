import 'fake-indexeddb/auto';
import { configure } from '@testing-library/preact';
import { setFallbackMessages } from '../lib/i18n';
import english from '../public/_locales/en/messages.json';

// No browser i18n API in unit tests: strings come from the English messages, as the extension shows them.
setFallbackMessages(english);

// waitFor and findBy* poll for a condition; their default of 1 s is shorter than one fake-indexeddb write and its
// broadcast on a CI machine at load 20 or more (tests/components/sidepanel.test.tsx failed so in CI). A test that
// means "within N ms" says so itself.
configure({ asyncUtilTimeout: 10_000 });
