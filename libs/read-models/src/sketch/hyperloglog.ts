/** Precision 12: 4096 registers, standard error 1.04/√4096 ≈ 1.6%. */
export const HLL_PRECISION = 12;
const M = 1 << HLL_PRECISION;
const Q = 64 - HLL_PRECISION;
const SPARSE = 1;
const DENSE = 2;
/** Sparse entries cost 3 bytes each; past this many the dense form is smaller. */
export const SPARSE_LIMIT = Math.floor(M / 3);
/** Register count at precision 12. */
export const HLL_REGISTERS = M;

/**
 * A HyperLogLog sketch of distinct keys, mergeable (register-wise max), so the unique users of
 * any range are the estimate of the union of its buckets' sketches, never a sum. Small sets
 * stay sparse (index, rank pairs): a minute bucket of a long-tail ad costs a few bytes, not
 * 4 KiB. Estimates use Ertl's improved estimator ("New cardinality estimation algorithms for
 * HyperLogLog sketches", 2017), which needs no empirical bias tables at any cardinality.
 */
export class HyperLogLog {
  private dense?: Uint8Array;
  private sparse = new Map<number, number>();

  static fromBytes(bytes: Uint8Array | null | undefined): HyperLogLog {
    const hll = new HyperLogLog();
    if (bytes && bytes.length > 0 && format(bytes) === DENSE)
      hll.dense = Uint8Array.from(bytes.subarray(2, 2 + M));
    else hll.mergeBytes(bytes);
    return hll;
  }

  /**
   * An empty sketch that is dense from the start. As the accumulator of a union of many
   * sketches it merges with plain array writes instead of growing a map first.
   */
  static unionAccumulator(): HyperLogLog {
    const hll = new HyperLogLog();
    hll.dense = new Uint8Array(M);
    return hll;
  }

  /** Merges a serialized sketch straight from its bytes (a query may union thousands). */
  mergeBytes(bytes: Uint8Array | null | undefined): void {
    if (!bytes || bytes.length === 0) return;
    if (format(bytes) === DENSE) {
      const into = this.dense;
      if (into) {
        for (let i = 0; i < M; i++) if (bytes[2 + i] > into[i]) into[i] = bytes[2 + i];
      } else {
        for (let i = 0; i < M; i++) if (bytes[2 + i] > 0) this.set(i, bytes[2 + i]);
      }
    } else {
      for (let i = 2; i + 2 < bytes.length; i += 3)
        this.set((bytes[i] << 8) | bytes[i + 1], bytes[i + 2]);
    }
  }

  add(key: string): void {
    this.addHash(hashKey(key));
  }

  /** For callers that put one key into several sketches (minute, hour, day): hash once. */
  addHash(hash: KeyHash): void {
    const register = registerOf(hash);
    this.set(register >>> 8, register & 0xff);
  }

  merge(other: HyperLogLog): void {
    if (other.dense) {
      for (let i = 0; i < M; i++) if (other.dense[i] > 0) this.set(i, other.dense[i]);
    } else {
      for (const [index, rank] of other.sparse) this.set(index, rank);
    }
  }

  estimate(): number {
    const histogram = new Array<number>(Q + 2).fill(0);
    if (this.dense) {
      for (let i = 0; i < M; i++) histogram[this.dense[i]]++;
    } else {
      histogram[0] = M - this.sparse.size;
      for (const rank of this.sparse.values()) histogram[rank]++;
    }
    return estimateHistogram(histogram);
  }

  /** The estimate of a serialized sketch, read straight from its bytes (no registers built). */
  static estimateBytes(bytes: Uint8Array): number {
    const histogram = new Array<number>(Q + 2).fill(0);
    if (bytes.length > 0 && format(bytes) === DENSE) {
      for (let i = 0; i < M; i++) histogram[bytes[2 + i]]++;
    } else {
      histogram[0] = M;
      for (let i = 2; i + 2 < bytes.length; i += 3) {
        histogram[0]--;
        histogram[bytes[i + 2]]++;
      }
    }
    return estimateHistogram(histogram);
  }

  toBytes(): Buffer {
    if (this.dense) return Buffer.concat([Buffer.from([DENSE, HLL_PRECISION]), this.dense]);
    const out = Buffer.alloc(2 + this.sparse.size * 3);
    out[0] = SPARSE;
    out[1] = HLL_PRECISION;
    let offset = 2;
    for (const index of [...this.sparse.keys()].sort((a, b) => a - b)) {
      out[offset] = index >> 8;
      out[offset + 1] = index & 0xff;
      out[offset + 2] = this.sparse.get(index) ?? 0;
      offset += 3;
    }
    return out;
  }

  private set(index: number, rank: number): void {
    if (this.dense) {
      if (rank > this.dense[index]) this.dense[index] = rank;
      return;
    }
    if (rank > (this.sparse.get(index) ?? 0)) this.sparse.set(index, rank);
    if (this.sparse.size > SPARSE_LIMIT) {
      this.dense = new Uint8Array(M);
      for (const [i, r] of this.sparse) this.dense[i] = r;
      this.sparse.clear();
    }
  }
}

/**
 * The register a hash sets, packed as (index << 8) | rank: so a list of them sorts by index,
 * and within an index by rank.
 */
export function registerOf([hi, lo]: KeyHash): number {
  const index = hi >>> (32 - HLL_PRECISION);
  // Rank: position of the first 1 bit in the remaining 52 bits of the 64-bit hash.
  const rest = (hi << HLL_PRECISION) >>> 0;
  const rank =
    rest !== 0 ? Math.clz32(rest) + 1 : 32 - HLL_PRECISION + (lo !== 0 ? Math.clz32(lo) + 1 : 33);
  return (index << 8) | rank;
}

function estimateHistogram(histogram: readonly number[]): number {
  let z = M * tau(1 - histogram[Q + 1] / M);
  for (let k = Q; k >= 1; k--) z = 0.5 * (z + histogram[k]);
  z += M * sigma(histogram[0] / M);
  return Math.round((M * M) / (2 * Math.LN2 * z));
}

/** The serialized form's kind, after checking it is one this code reads. */
function format(bytes: Uint8Array): typeof SPARSE | typeof DENSE {
  if (bytes[1] !== HLL_PRECISION)
    throw new Error(`HLL precision ${bytes[1]} is not ${HLL_PRECISION}`);
  if (bytes[0] !== DENSE && bytes[0] !== SPARSE) throw new Error(`unknown HLL format ${bytes[0]}`);
  return bytes[0];
}

/** A 64-bit hash as two unsigned 32-bit halves. */
export type KeyHash = readonly [number, number];

/**
 * MurmurHash3's mixing, one UTF-16 unit per round, run with two seeds for 64 bits. Not a
 * cryptographic hash (none is needed: the keys are already salted), but several times faster
 * than node:crypto for short strings, and the projection hashes every click.
 */
export function hashKey(key: string): KeyHash {
  return [murmur(key, 0x9747b28c), murmur(key, 0x3c6ef372)];
}

function murmur(key: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < key.length; i++) {
    let k = Math.imul(key.charCodeAt(i), 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= key.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function sigma(x: number): number {
  if (x === 1) return Infinity;
  let y = 1;
  let z = x;
  for (;;) {
    x *= x;
    const next = z + x * y;
    y += y;
    if (next === z) return z;
    z = next;
  }
}

function tau(x: number): number {
  if (x === 0 || x === 1) return 0;
  let y = 1;
  let z = 1 - x;
  for (;;) {
    x = Math.sqrt(x);
    y *= 0.5;
    const next = z - (1 - x) ** 2 * y;
    if (next === z) return z / 3;
    z = next;
  }
}
