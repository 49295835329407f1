/**
 * The clustering worker: started by the side panel through client.ts, so that clustering a library of
 * thousands of papers never blocks the UI. All logic lives in protocol.ts.
 */
import { handleClusterMessage, newClusterSession } from './protocol';

// Typed by hand: the project compiles against the DOM library, whose `self` is a Window, not a worker scope.
const scope = self as unknown as {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
};

// One session per worker: the side panel's next request for the same papers plus new ones reuses the last model.
const session = newClusterSession();
scope.addEventListener('message', (event) => {
  handleClusterMessage(event.data, (reply) => scope.postMessage(reply), session);
});
