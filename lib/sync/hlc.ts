/**
 * Hybrid logical clock stamps: when a field was last written, comparable as plain strings.
 *
 * A stamp is `<ms, 9 base-36 digits>.<counter, 4 base-36 digits>.<device id>`. Fixed widths make string order the
 * same as (time, counter, device) order, so any two devices compare two stamps the same way, and the device id
 * breaks a tie between two edits stamped in the same millisecond. The clock never goes back: it takes the larger
 * of the wall clock and every stamp it has seen, so an edit made after a device learned of another's edit is
 * always stamped later than it, even when the second device's wall clock is behind.
 */

const MS_WIDTH = 9; // 36^9 ms is about 3,200 years
const COUNTER_WIDTH = 4;

/** Lower than every stamp a clock makes: the stamp of a value nobody chose (an empty note, no tags). */
export const ZERO_STAMP = `${'0'.repeat(MS_WIDTH)}.${'0'.repeat(COUNTER_WIDTH)}.`;

export const STAMP_PATTERN = /^[0-9a-z]{9}\.[0-9a-z]{4}\.[0-9a-z-]{0,64}$/;

export function makeStamp(ms: number, counter: number, device: string): string {
  const time = Math.max(0, Math.floor(ms)).toString(36).padStart(MS_WIDTH, '0');
  return `${time}.${counter.toString(36).padStart(COUNTER_WIDTH, '0')}.${device}`;
}

export function stampTime(stamp: string): number {
  return Number.parseInt(stamp.slice(0, MS_WIDTH), 36);
}

export class HybridClock {
  private ms = 0;
  private counter = 0;

  constructor(
    readonly device: string,
    private readonly wall: () => number = Date.now,
  ) {
    if (!/^[0-9a-z-]{1,64}$/.test(device)) throw new Error('a device id is 1 to 64 characters of [0-9a-z-]');
  }

  /** A stamp later than every stamp made or seen by this clock. */
  next(): string {
    const now = this.wall();
    if (now > this.ms) {
      this.ms = now;
      this.counter = 0;
    } else this.counter++;
    if (this.counter >= 36 ** COUNTER_WIDTH) {
      this.ms++;
      this.counter = 0;
    }
    return makeStamp(this.ms, this.counter, this.device);
  }

  /** A stamp at a given time in the past (a field of a paper that was never synced, dated by its last change). */
  at(ms: number): string {
    return makeStamp(Math.min(ms, this.wall()), 0, this.device);
  }

  /** The stamp just after `stamp` (same time, next count), under this device: a decision dated by another. */
  after(stamp: string): string {
    const ms = stampTime(stamp);
    const counter = Number.parseInt(stamp.slice(MS_WIDTH + 1, MS_WIDTH + 1 + COUNTER_WIDTH), 36) + 1;
    return counter >= 36 ** COUNTER_WIDTH ? makeStamp(ms + 1, 0, this.device) : makeStamp(ms, counter, this.device);
  }

  /** Takes note of a stamp from another device so that the next local stamp is later. */
  observe(stamp: string): void {
    if (!STAMP_PATTERN.test(stamp)) return;
    const ms = stampTime(stamp);
    const counter = Number.parseInt(stamp.slice(MS_WIDTH + 1, MS_WIDTH + 1 + COUNTER_WIDTH), 36);
    if (ms > this.ms || (ms === this.ms && counter > this.counter)) {
      this.ms = ms;
      this.counter = counter;
    }
  }
}

/** A random device id: 12 base-36 characters. */
export function newDeviceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return [...bytes].map((b) => (b % 36).toString(36)).join('');
}
