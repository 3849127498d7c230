import { HLL_PRECISION, HLL_REGISTERS, KeyHash, registerOf, SPARSE_LIMIT } from './hyperloglog';

/** Past this many registers noted, a builder keeps the dense form instead of the list. */
const LIST_LIMIT = 4 * HLL_REGISTERS;

/**
 * A sketch being filled by a projection, serialized exactly as a HyperLogLog of the same keys
 * would be (HyperLogLog.toBytes), so rows written from either compare equal. Until it grows
 * large it only appends each key's packed register to a number array: a HyperLogLog keeps a
 * Map per sketch, and a batch makes thousands of small sketches, which the profile showed as
 * a quarter of the projector's time in garbage collection.
 */
export class SketchBuilder {
  private registers: number[] = [];
  private dense?: Uint8Array;

  addHash(hash: KeyHash): void {
    const register = registerOf(hash);
    if (this.dense) {
      const index = register >>> 8;
      if ((register & 0xff) > this.dense[index]) this.dense[index] = register & 0xff;
      return;
    }
    this.registers.push(register);
    if (this.registers.length > LIST_LIMIT) this.densify();
  }

  /** Adds every register of another builder (a rebuild folding a batch into what it holds). */
  addAll(other: SketchBuilder): void {
    if (other.dense) {
      this.densify();
      const into = this.dense!;
      for (let i = 0; i < HLL_REGISTERS; i++)
        if (other.dense[i] > into[i]) into[i] = other.dense[i];
      return;
    }
    if (this.dense) {
      for (const register of other.registers) {
        const index = register >>> 8;
        if ((register & 0xff) > this.dense[index]) this.dense[index] = register & 0xff;
      }
      return;
    }
    for (const register of other.registers) this.registers.push(register);
    if (this.registers.length > LIST_LIMIT) this.densify();
  }

  /** The canonical serialized form: sparse (index, rank) triples by index, or dense past SPARSE_LIMIT. */
  toBytes(): Buffer {
    let sorted: Uint32Array;
    let distinct = 0;
    if (this.dense) {
      // Dense because many clicks were noted, which is not yet many distinct registers.
      const dense = this.dense;
      for (let i = 0; i < HLL_REGISTERS; i++) if (dense[i] > 0) distinct++;
      if (distinct > SPARSE_LIMIT) return denseBytes(dense);
      sorted = new Uint32Array(distinct);
      for (let i = 0, n = 0; i < HLL_REGISTERS; i++)
        if (dense[i] > 0) sorted[n++] = (i << 8) | dense[i];
    } else {
      // Sorted packed registers put each index's highest rank last among its equals.
      sorted = Uint32Array.from(this.registers).sort();
      for (let i = 0; i < sorted.length; i++)
        if (i + 1 === sorted.length || sorted[i + 1] >>> 8 !== sorted[i] >>> 8)
          sorted[distinct++] = sorted[i];
      if (distinct > SPARSE_LIMIT) {
        const dense = new Uint8Array(HLL_REGISTERS);
        for (let i = 0; i < distinct; i++) dense[sorted[i] >>> 8] = sorted[i] & 0xff;
        return denseBytes(dense);
      }
    }
    const out = Buffer.allocUnsafe(2 + distinct * 3);
    out[0] = 1;
    out[1] = HLL_PRECISION;
    for (let i = 0, o = 2; i < distinct; i++, o += 3) {
      out[o] = sorted[i] >>> 16;
      out[o + 1] = (sorted[i] >>> 8) & 0xff;
      out[o + 2] = sorted[i] & 0xff;
    }
    return out;
  }

  private densify(): void {
    if (this.dense) return;
    const dense = new Uint8Array(HLL_REGISTERS);
    for (const register of this.registers) {
      const index = register >>> 8;
      if ((register & 0xff) > dense[index]) dense[index] = register & 0xff;
    }
    this.dense = dense;
    this.registers = [];
  }
}

function denseBytes(dense: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(2 + HLL_REGISTERS);
  out[0] = 2;
  out[1] = HLL_PRECISION;
  out.set(dense, 2);
  return out;
}
