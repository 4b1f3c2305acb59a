/**
 * A seeded pseudo-random source, so the scaled data set is the same on every machine and every
 * run (Math.random is never used). mulberry32: 32 bits of state, fast, and good enough for demo
 * data; not for anything secret.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A new, independent stream for one named part of the data (a park, a year…). */
  static of(...parts: ReadonlyArray<string | number>): Random {
    return new Random(hashSeed(parts.join('/')));
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** An index drawn with the given relative weights. */
  weighted(weights: readonly number[]): number {
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    let target = this.next() * total;
    for (const [index, weight] of weights.entries()) {
      target -= weight;
      if (target < 0) return index;
    }
    return weights.length - 1;
  }

  /** Roughly normal (sum of three uniforms), clamped to [min, max]. */
  around(mean: number, spread: number, min = -Infinity, max = Infinity): number {
    const value = mean + ((this.next() + this.next() + this.next()) / 3 - 0.5) * 2 * spread;
    return Math.min(max, Math.max(min, value));
  }

  /** Log-uniform in [min, max]: many small values and a few large ones, like revenues and head counts. */
  logUniform(min: number, max: number): number {
    return Math.exp(Math.log(min) + this.next() * (Math.log(max) - Math.log(min)));
  }

  /** A Fisher–Yates shuffled copy. */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let index = copy.length - 1; index > 0; index -= 1) {
      const other = Math.floor(this.next() * (index + 1));
      [copy[index], copy[other]] = [copy[other], copy[index]];
    }
    return copy;
  }
}

/** FNV-1a over the text: a 32-bit seed from any label. */
export function hashSeed(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
