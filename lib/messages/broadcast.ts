import type { LibraryChanged } from './protocol';

/** The part of a runtime Port the broadcaster uses. */
export type EventPort = {
  postMessage(message: unknown): void;
  onDisconnect: { addListener(listener: () => void): void };
};

/**
 * Sends "library changed" to every open view and annotated tab. Each holds a port to the background, so a change
 * reaches them as one message each, with no polling: well within the ~100 ms the views promise.
 */
export class ChangeBroadcaster {
  private readonly ports = new Set<EventPort>();

  add(port: EventPort): void {
    this.ports.add(port);
    port.onDisconnect.addListener(() => this.ports.delete(port));
  }

  get size(): number {
    return this.ports.size;
  }

  send(change: LibraryChanged): void {
    const message = { paperlane: 1, type: 'event/libraryChanged', payload: change };
    for (const port of this.ports) {
      try {
        port.postMessage(message);
      } catch {
        // The other end went away between its disconnect and our send.
        this.ports.delete(port);
      }
    }
  }
}
