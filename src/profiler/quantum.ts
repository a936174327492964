// Timestamp quantization: browsers may round every timestamp down to a multiple of a quantum
// (Dawn masks with 0xFFFF0000, steps of 65,536 ns, unless developer features are on). The
// quantum is read off the raw values: the largest common step of every stamp, i.e. the GCD of
// their differences, which also catches a grid with an offset. With nanosecond values, m random
// differences share a step of G or more by chance with probability sum over g >= G of g^-m,
// at most G^-m + G^(1-m)/(m-1); a step counts as a quantum only once that is below
// 2^-CONFIRM_BITS (with a 65,536 ns quantum that takes 4 stamps, with 2 ns 22).

/** A common step is a quantum once chance alone would give it with probability below 2^-20 (~1e-6). */
export const CONFIRM_BITS = 20;

export interface QuantumDetection {
  /** The confirmed quantum in ns; 1 when the stamps share no confirmed step; null before any stamp. */
  quantumNs: number | null;
  /** Non-zero stamps seen. */
  stamps: number;
  /** GCD of the stamps' differences (their common step), confirmed or not; null under two stamps. */
  commonStepNs: number | null;
  /** Largest power of two dividing every stamp (Dawn's mask shows as 65,536); null before any stamp. */
  powerOfTwoNs: number | null;
  /** log2 of the chance that nanosecond stamps share a step this large by accident (see chanceLog2()). */
  chanceLog2: number | null;
  confirmed: boolean;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

/** Largest power of two dividing x (x > 0), capped at 2^62 so it stays a safe-ish number. */
function powerOfTwoOf(x: bigint): bigint {
  let p = 1n;
  while (p < 1n << 62n && x % (p * 2n) === 0n) p *= 2n;
  return p;
}

/** log2 of the bound G^-m + G^(1-m)/(m-1) on m random differences sharing a step >= G; 0 (certain) for m < 2. */
export function chanceOfStepLog2(step: number, differences: number): number {
  const m = differences;
  if (m < 2) return 0;
  return Math.min(0, -(m - 1) * Math.log2(step) + Math.log2(1 / step + 1 / (m - 1)));
}

export class QuantumDetector {
  private first: bigint | null = null;
  private step = 0n;
  private pow2: bigint | null = null;
  private count = 0;

  /** Takes every non-zero stamp of one readback (zero is an unwritten query, not a time). */
  add(raw: BigInt64Array): void {
    for (const v of raw) {
      if (v <= 0n) continue;
      this.count++;
      if (this.first === null) this.first = v;
      else this.step = gcd(this.step, v - this.first);
      // Once the power of two is 1 it stays 1; skip the loop.
      if (this.pow2 === null) this.pow2 = powerOfTwoOf(v);
      else if (this.pow2 > 1n) this.pow2 = gcd(this.pow2, powerOfTwoOf(v));
    }
  }

  result(): QuantumDetection {
    if (this.count === 0) return { quantumNs: null, stamps: 0, commonStepNs: null, powerOfTwoNs: null, chanceLog2: null, confirmed: false };
    const pow2 = Number(this.pow2);
    if (this.step === 0n) return { quantumNs: 1, stamps: this.count, commonStepNs: null, powerOfTwoNs: pow2, chanceLog2: null, confirmed: false };
    const step = Number(this.step);
    const chanceLog2 = step > 1 ? chanceOfStepLog2(step, this.count - 1) : 0;
    const confirmed = step > 1 && -chanceLog2 >= CONFIRM_BITS;
    return { quantumNs: confirmed ? step : 1, stamps: this.count, commonStepNs: step, powerOfTwoNs: pow2, chanceLog2, confirmed };
  }
}

/** Rounds every positive stamp down to a multiple of quantumNs in place, as a quantizing browser does. */
export function quantizeStamps(raw: BigInt64Array, quantumNs: number): void {
  if (!Number.isInteger(quantumNs) || quantumNs < 1) throw new Error(`timestamp quantum: expected a positive integer number of ns, got ${quantumNs}`);
  const q = BigInt(quantumNs);
  for (let i = 0; i < raw.length; i++) if (raw[i] > 0n) raw[i] -= raw[i] % q;
}
