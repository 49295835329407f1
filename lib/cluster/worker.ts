/**
 * The clustering worker: started by the side panel through client.ts, so that clustering a library of
 * thousands of papers never blocks the UI. All logic lives in protocol.ts.
 */
import { handleClusterMessage } from './protocol';

// Typed by hand: the project compiles against the DOM library, whose `self` is a Window, not a worker scope.
const scope = self as unknown as {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
};

scope.addEventListener('message', (event) => {
  handleClusterMessage(event.data, (reply) => scope.postMessage(reply));
});
