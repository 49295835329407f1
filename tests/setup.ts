import 'fake-indexeddb/auto';
import { setFallbackMessages } from '../lib/i18n';
import english from '../public/_locales/en/messages.json';

// No browser i18n API in unit tests: strings come from the English messages, as the extension shows them.
setFallbackMessages(english);
