// Notes on the seed's internal consistency: its prose and summary boxes checked against
// its own formulas, evaluated at the configuration the seed printed them for.
import { SEED_CONFIG, SEED_PRCM_SHARE_CLAIM_PERCENT, SEED_SUMMARY, SEED_TRAINING_SUMMARY } from './seed-claims.js';
import {
  DEFAULT_CACHES,
  bottleneck,
  bytesToMB,
  cacheFit,
  dwBlockWorkingSet,
  encoderConfigs,
  repconvMemory,
  workingSetTotal,
  type CacheSizes,
  type SeedWorkingSet,
} from './seed.js';

export type NoteKind = 'error' | 'inconsistency' | 'omission' | 'model';

export interface Note {
  id: string;
  kind: NoteKind;
  title: string;
  detail: string;
  /** The computed numbers the note rests on; bytes are exact integers. */
  values: Record<string, number | string | boolean>;
}

export const mb = (bytes: number, digits = 3): string => `${bytesToMB(bytes).toFixed(digits)} MB`;

function seedBlocks(): { layer: string; ws: SeedWorkingSet; total: number }[] {
  const { size, cList, kernelSize, numBasis, batch, inputChannels } = SEED_CONFIG;
  return encoderConfigs(size, cList, inputChannels).map((b) => {
    const ws = dwBlockWorkingSet(b.inChannels, b.outChannels, b.resolution, kernelSize, numBasis, batch);
    return { layer: b.layer, ws, total: workingSetTotal(ws) };
  });
}

function cacheLevelNote(): Note {
  const blocks = seedBlocks();
  const values: Note['values'] = {};
  const wrong: string[] = [];
  SEED_SUMMARY.forEach((s, i) => {
    const level = bottleneck(blocks[i].total, DEFAULT_CACHES);
    values[`${s.layer}.bytes`] = blocks[i].total;
    values[`${s.layer}.ruleLevel`] = level;
    values[`${s.layer}.summaryLevel`] = s.level;
    if (level !== s.level) wrong.push(`${s.layer} (${mb(blocks[i].total)} > 8 MB gives ${level}, the box says ${s.level})`);
  });
  return {
    id: 'summary-cache-level',
    kind: 'inconsistency',
    title: 'Summary box cache levels disagree with the seed’s own bottleneck rule',
    detail:
      `By the §3 rule (DRAM above L3 = 8 MB, L3 above L2 = 1 MB) the summary box mislabels: ${wrong.join('; ') || 'nothing'}. ` +
      'Its §3 table gets this right (DRAM for both encoder1 and encoder2), and its key findings say encoder1-2 "exceed L2, need L3" although both exceed L3.',
    values,
  };
}

function summarySizeNote(): Note {
  const blocks = seedBlocks();
  const values: Note['values'] = {};
  const off: string[] = [];
  SEED_SUMMARY.forEach((s, i) => {
    const computed = bytesToMB(blocks[i].total);
    const errPct = ((s.approxMB - computed) / computed) * 100;
    values[`${s.layer}.summaryMB`] = s.approxMB;
    values[`${s.layer}.bytes`] = blocks[i].total;
    values[`${s.layer}.summaryErrorPercent`] = Number(errPct.toFixed(1));
    if (Math.abs(errPct) > 25) off.push(`${s.layer}: "~${s.approxMB} MB" vs ${mb(blocks[i].total)} (${errPct.toFixed(1)}%)`);
  });
  return {
    id: 'summary-sizes',
    kind: 'error',
    title: 'Summary box sizes that do not match the seed’s own table',
    detail: `Rounded figures off by more than 25% from the §3 totals: ${off.join('; ') || 'none'}. The other rows round the table values.`,
    values,
  };
}

function trainingNote(): Note {
  const blocks = seedBlocks();
  const values: Note['values'] = {};
  const rows = SEED_TRAINING_SUMMARY.map((s, i) => {
    const b = encoderConfigs(SEED_CONFIG.size, SEED_CONFIG.cList)[i];
    const rep = repconvMemory(b.outChannels, b.resolution, SEED_CONFIG.batch);
    // Two extra out-channel maps: the 1x1 and identity branch outputs kept beside the kxk one.
    const plusTwo = blocks[i].total + 2 * rep.fmapBytes;
    Object.assign(values, {
      [`${s.layer}.summaryTrainingMB`]: s.trainingMB,
      [`${s.layer}.section4TrainingBytes`]: rep.trainingBytes,
      [`${s.layer}.section4DeployBytes`]: rep.deployBytes,
      [`${s.layer}.section2Bytes`]: blocks[i].total,
      [`${s.layer}.section2PlusTwoMapsBytes`]: plusTwo,
    });
    return `${s.layer}: box ${s.trainingMB}/${s.deployMB} MB (${s.reductionPercent}%), §4 ${mb(rep.trainingBytes, 0)}/${mb(rep.deployBytes, 0)} (${rep.reductionPercent.toFixed(1)}%), §2 total + 2 maps = ${mb(plusTwo)}`;
  });
  return {
    id: 'training-vs-deploy',
    kind: 'inconsistency',
    title: 'The "Training vs Deploy" box does not follow from §4',
    detail:
      `§4 puts RepConv training at 7 maps and deploy at 2 (71.4% less, as the box above it says: "~70%"), but the comparison box gives other numbers. ${rows.join('; ')}. ` +
      'Its training column matches the §2 deploy total plus two extra branch maps (the 3-branch picture of §2’s preamble), its deploy column is the §2 total rather than §4’s deploy peak, and its percentages are 1 - deploy/training of the rounded figures.',
    values,
  };
}

function prcmShareNote(): Note {
  const values: Note['values'] = {};
  const parts = seedBlocks().map(({ layer, ws, total }) => {
    const pct = ((ws.prcm_params + ws.prcm_intermediate) / total) * 100;
    values[`${layer}.prcmBytes`] = ws.prcm_params + ws.prcm_intermediate;
    values[`${layer}.prcmSharePercent`] = Number(pct.toFixed(4));
    return `${layer} ${pct.toFixed(3)}%`;
  });
  const over = Object.entries(values).filter(([k, v]) => k.endsWith('SharePercent') && (v as number) >= SEED_PRCM_SHARE_CLAIM_PERCENT).length;
  return {
    id: 'prcm-share',
    kind: 'error',
    title: 'PRCM is not "below 0.01% of the working set" in the deep blocks',
    detail: `PRCM parameters + intermediates as a share of each §2 total: ${parts.join(', ')}. The claim holds only for encoder1; ${over} of 6 blocks exceed it.`,
    values,
  };
}

function weightShareNote(): Note {
  const values: Note['values'] = {};
  const parts = seedBlocks().map(({ layer, ws, total }) => {
    const w = ws.pw_conv_weights + ws.fused_conv_weights + ws.prcm_params;
    values[`${layer}.weightBytes`] = w;
    values[`${layer}.weightSharePercent`] = Number(((w / total) * 100).toFixed(2));
    return `${layer} ${((w / total) * 100).toFixed(1)}%`;
  });
  const e6 = encoderConfigs(SEED_CONFIG.size, SEED_CONFIG.cList)[5];
  const k7 = dwBlockWorkingSet(e6.inChannels, e6.outChannels, e6.resolution, 7);
  const k5 = dwBlockWorkingSet(e6.inChannels, e6.outChannels, e6.resolution, 5);
  const saved = workingSetTotal(k7) - workingSetTotal(k5);
  values['encoder6.k7to5SavedBytes'] = saved;
  return {
    id: 'weight-share',
    kind: 'error',
    title: '"Weights are a small part of the working set" holds only for the early blocks',
    detail:
      `Weights (pw + fused conv + PRCM) as a share of each §2 total: ${parts.join(', ')}. ` +
      `In encoder6, 7x7 -> 5x5 saves ${saved} bytes (${((saved / workingSetTotal(k7)) * 100).toFixed(1)}% of its total), not a negligible amount.`,
    values,
  };
}

function fitBoundaryNote(caches: CacheSizes): Note {
  const at = caches.l2;
  const fit = cacheFit(at, caches);
  return {
    id: 'fit-boundary',
    kind: 'inconsistency',
    title: 'The §2 fit test and the §3 rule disagree at the boundary',
    detail: `§2 says a block fits when total < cache; §3 calls it DRAM/L3 only when total > cache. A working set of exactly ${at} bytes (the L2 size) is "L2 fit: NO" in §2 and "${bottleneck(at, caches)}" in §3; the same holds at ${caches.l3} bytes for L3.`,
    values: { boundaryBytes: at, section2FitsL2: fit.l2, section3Level: bottleneck(at, caches) },
  };
}

export function seedConsistencyNotes(caches: CacheSizes): Note[] {
  return [cacheLevelNote(), summarySizeNote(), trainingNote(), prcmShareNote(), weightShareNote(), fitBoundaryNote(caches)];
}
