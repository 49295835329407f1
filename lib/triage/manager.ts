/**
 * The feature manager of on-page triage. Each feature (lib/triage/features/<id>.ts) is started with its own
 * `AbortSignal`, a child of the page's (TriagePage.child); stopping is aborting: every listener, timer and observer a feature sets up is tied to its signal,
 * so there is no teardown list to keep. A feature that throws, now or later through `fail`, is reported with its
 * id and the others go on.
 */
import { errorMessage } from '../errors';
import type { TriagePage } from './page';
import { onAbort } from './signals';

export type FeatureContext = {
  readonly id: string;
  readonly page: TriagePage;
  readonly signal: AbortSignal;
  /** Reports an error of this feature (tagged with its id); the feature and the others go on. */
  fail(error: unknown): void;
};

export type Feature = {
  /** The file name in lib/triage/features/, which tests and error reports use. */
  readonly id: string;
  start(context: FeatureContext): void | Promise<void>;
};

/** An error of one feature, with the feature's id. */
export class FeatureError extends Error {
  constructor(
    readonly feature: string,
    readonly error: unknown,
  ) {
    super(`[${feature}] ${errorMessage(error)}`, { cause: error });
    this.name = 'FeatureError';
  }
}

export class FeatureManager {
  private readonly features: Feature[] = [];
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly onError: (error: FeatureError) => void = () => {}) {}

  register(...features: Feature[]): this {
    for (const feature of features) {
      if (this.features.some((f) => f.id === feature.id)) throw new Error(`feature ${feature.id} registered twice`);
      this.features.push(feature);
    }
    return this;
  }

  get ids(): string[] {
    return this.features.map((f) => f.id);
  }

  /** Starts every registered feature on the page, each with its own signal. */
  start(page: TriagePage): void {
    for (const feature of this.features) this.startOne(feature, page);
  }

  /** Stops one feature (its signal aborts); the others go on. */
  stop(id: string): void {
    this.running.get(id)?.abort();
  }

  isRunning(id: string): boolean {
    return this.running.has(id);
  }

  private startOne(feature: Feature, page: TriagePage): void {
    if (page.signal.aborted || this.running.has(feature.id)) return;
    // The feature's own signal, which also aborts when the whole page stops.
    const controller = page.child();
    this.running.set(feature.id, controller);
    onAbort(controller.signal, () => {
      if (this.running.get(feature.id) === controller) this.running.delete(feature.id);
    });
    const fail = (error: unknown) => {
      if (!controller.signal.aborted) this.onError(new FeatureError(feature.id, error));
    };
    try {
      const started = feature.start({ id: feature.id, page, signal: controller.signal, fail });
      if (started) started.catch(fail);
    } catch (error) {
      fail(error);
    }
  }
}
