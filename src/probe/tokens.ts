// Computed challenge tokens (reference/live-probe.md §2.1): the prompt asks for "the letters QX followed by
// the sum of 487 and 356", the matcher looks for `QX843`, which is never in the request. Echoes, reflected
// errors and refusals that quote the instruction therefore never match. Tokens come from a PRNG seeded by
// the run id, so a run is reproducible from its id.
import { createHash, randomBytes } from 'node:crypto';
import { squash } from './detect.js';

export function newRunId(): string {
  return randomBytes(6).toString('hex');
}

/** Deterministic numbers from a seed (SHA-256 in counter mode). */
export class Rng {
  private counter = 0;
  private pool: number[] = [];
  constructor(private readonly seed: string) {}

  next(): number {
    if (this.pool.length === 0) {
      const digest = createHash('sha256').update(`${this.seed}:${this.counter++}`).digest();
      for (let i = 0; i + 4 <= digest.length; i += 4) this.pool.push(digest.readUInt32BE(i));
    }
    return this.pool.shift()!;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + (this.next() % (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }
}

// Consonants only, so a prefix never spells a word a model might produce by chance.
const LETTERS = 'BCDFGHJKLMNPQRSTVWXZ';

export interface Challenge {
  /** What the prompt says: `the letters QX immediately followed by the sum of 487 and 356`. */
  phrase: string;
  /** What the answer must contain: `QX843`. */
  token: string;
}

export interface SumChallenge {
  a: number;
  b: number;
  /** `843` */
  token: string;
}

/** The calibration question: a sum only an answering model can give. */
export function sumChallenge(rng: Rng): SumChallenge {
  for (;;) {
    const a = rng.int(120, 899);
    const b = rng.int(120, 899);
    const token = String(a + b);
    if (!`${a}${b}`.includes(token) && !`${b}${a}`.includes(token)) return { a, b, token };
  }
}

/** A letters-plus-sum token; re-drawn until the request text cannot contain it. */
export function letterChallenge(rng: Rng): Challenge {
  for (;;) {
    const prefix = rng.pick([...LETTERS]) + rng.pick([...LETTERS]);
    const { a, b, token: sum } = sumChallenge(rng);
    const phrase = `the letters ${prefix} immediately followed by the sum of ${a} and ${b}, written together with no space`;
    const token = `${prefix}${sum}`;
    if (!squash(phrase).includes(squash(token))) return { phrase, token };
  }
}

/** A code word the session-leak probe plants in one session and asks for in another. */
export function codeWord(rng: Rng): string {
  const words = ['AMBER', 'BASALT', 'CEDAR', 'DELTA', 'EMBER', 'FJORD', 'GARNET', 'HARBOR', 'INDIGO', 'JUNIPER'];
  return `${rng.pick(words)}-${rng.int(1000, 9999)}-${rng.pick([...LETTERS])}${rng.pick([...LETTERS])}`;
}
