import { describe, expect, it } from 'vitest';
import { jeongwonnet } from '../../src/graph/jeongwonnet.js';
import { paramCount } from '../../src/graph/ir.js';
import { checkClaim, measurability, predictVariant, SEED_WHATIF_CLAIMS, whatIf, whatIfVariants, type VariantId } from '../../src/analysis/whatif.js';

/** Deploy parameters by hand: per block pw (cin*cout when they differ), k*k dw + bias, PRCM basis + fuser. */
function handParams(cList: number[], k: number, stem: boolean, basis = 8): number {
  const enc = cList.map((c, i) => [i === 0 ? 3 : cList[i - 1], c]);
  const dec = [4, 3, 2, 1, 0].map((j, i) => [i === 0 ? cList[5] : cList[j + 1], cList[j]]);
  let n = 0;
  for (const [cin, cout] of [...enc, ...dec]) n += (cin !== cout ? cin * cout : 0) + cout * k * k + cout + 2 * basis * cout;
  n += cList[0] + 1; // final 1x1 conv to one class, with bias
  if (stem) n += 3 * 3 * 3 * 3 + 3;
  return n;
}

const byId = (id: VariantId) => whatIfVariants().find((v) => v.id === id)!;

describe('what-if variants', () => {
  it('defines the five variants from the one builder', () => {
    expect(whatIfVariants().map((v) => v.id)).toEqual(['baseline', 'early-downsampling', 'c0-16', 'kernel-5', 'fp16']);
    expect(byId('early-downsampling').config).toEqual({ stem: true });
    expect(byId('c0-16').config.cList).toEqual([16, 48, 64, 96, 128, 192]);
    expect(byId('fp16').bytesPerElement).toBe(2);
  });

  it('builds the intended parameter counts', () => {
    const base = [24, 48, 64, 96, 128, 192];
    expect(handParams(base, 7, false)).toBe(154_753);
    const count = (id: VariantId) => paramCount(jeongwonnet(byId(id).config));
    expect(count('baseline')).toBe(handParams(base, 7, false));
    expect(count('early-downsampling')).toBe(handParams(base, 7, true));
    expect(count('c0-16')).toBe(handParams([16, ...base.slice(1)], 7, false));
    // Kernel 5: every depthwise conv drops from 49 to 25 taps per channel (912 channels over 11 blocks).
    expect(count('kernel-5')).toBe(154_753 - 24 * 912);
    expect(count('fp16')).toBe(154_753);
  });

  it('builds the intended shapes', () => {
    const shape = (id: VariantId, t: string) => jeongwonnet(byId(id).config).tensors.get(t)!.shape;
    expect(shape('early-downsampling', 'stem.conv')).toEqual([1, 3, 128, 128]);
    expect(shape('early-downsampling', 'encoder1.dw')).toEqual([1, 24, 128, 128]);
    expect(shape('early-downsampling', 'encoder6.dw')).toEqual([1, 192, 4, 4]);
    // A second final upsample brings the stem variant back to the input resolution.
    expect(shape('early-downsampling', 'output')).toEqual([1, 1, 256, 256]);
    expect(shape('c0-16', 'encoder1.dw.weight')).toEqual([16, 1, 7, 7]);
    expect(shape('c0-16', 'encoder2.pw.weight')).toEqual([48, 16, 1, 1]);
    expect(shape('c0-16', 'decoder5.dw')).toEqual([1, 16, 64, 64]);
    expect(shape('c0-16', 'decoder5.add')).toEqual([1, 16, 128, 128]);
    expect(shape('kernel-5', 'encoder3.dw.weight')).toEqual([64, 1, 5, 5]);
    expect(shape('kernel-5', 'encoder1.dw')).toEqual([1, 24, 256, 256]);
  });

  it('predicts peaks with the liveness model', () => {
    const base = predictVariant(byId('baseline'));
    const fp16 = predictVariant(byId('fp16'));
    const stem = predictVariant(byId('early-downsampling'));
    expect(fp16.peakBytes * 2).toBe(base.peakBytes);
    expect(stem.peakActivationBytes * 4).toBe(base.peakActivationBytes);
    expect(predictVariant(byId('kernel-5')).peakActivationBytes).toBe(base.peakActivationBytes);
    // encoder1 at c0 = 16 holds 16/24 of the baseline's maps.
    expect(predictVariant(byId('c0-16')).encoder1ActivationBytes * 24).toBe(base.encoder1ActivationBytes * 16);
    expect(base.predictedMs).toBeNull();
  });

  it('marks fp16 as not measurable without shader-f16', () => {
    expect(measurability(byId('fp16'), ['timestamp-query'])).toEqual({ measurable: false, note: "not measurable on this adapter (no 'shader-f16'); predicted only" });
    expect(measurability(byId('fp16'), ['shader-f16']).measurable).toBe(true);
    expect(measurability(byId('kernel-5'), []).measurable).toBe(true);
  });
});

describe('seed claims as data', () => {
  it('checks every claim against the predictions', () => {
    const r = whatIf({ features: [], ceilings: { bandwidth: [{ bytes: 1, gbps: 2 }], peakGflops: 10 } });
    expect(r.claims.map((c) => c.claim)).toEqual(SEED_WHATIF_CLAIMS.map((c) => c.id));
    expect(r.claims.every((c) => c.source === 'predicted')).toBe(true);
    const fp16 = r.claims.find((c) => c.claim === 'fp16-halves')!;
    expect(fp16.reduction).toBeCloseTo(0.5, 12);
    expect(fp16.holds).toBe(true);
    expect(r.variants.find((v) => v.id === 'fp16')!.measurable).toBe(false);
    expect(r.variants.every((v) => v.predictedMs! > 0)).toBe(true);
  });

  it('applies the same check to measured numbers', () => {
    const claim = SEED_WHATIF_CLAIMS.find((c) => c.id === 'early-downsampling-75')!;
    expect(checkClaim(claim, 100, 25, 'measured')).toMatchObject({ holds: true, reduction: 0.75 });
    const miss = checkClaim(claim, 100, 40, 'measured');
    expect(miss.holds).toBe(false);
    expect(miss.detail).toContain('does not hold');
    const k = SEED_WHATIF_CLAIMS.find((c) => c.id === 'kernel-size-little-effect')!;
    expect(checkClaim(k, 100, 103, 'measured').holds).toBe(true);
    expect(checkClaim(k, 100, 110, 'measured').holds).toBe(false);
  });
});
