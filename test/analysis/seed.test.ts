// The seed notebook's printed values, regenerated from the reproduced formulas.
import { describe, expect, it } from 'vitest';
import {
  arithmeticIntensity,
  bottleneck,
  boundOf,
  bytesToMB,
  cacheFit,
  dwBlockWorkingSet,
  encoderConfigs,
  featureMapTable,
  prcmFlops,
  repconvMemory,
  repconvStages,
  workingSetTotal,
} from '../../src/analysis/seed';

const C = [24, 48, 64, 96, 128, 192];
const mb4 = (b: number) => bytesToMB(b).toFixed(4);
const mb3 = (b: number) => bytesToMB(b).toFixed(3);

describe('§1 feature maps', () => {
  const t = featureMapTable(256, 1, C);

  it('prints the encoder rows', () => {
    expect(t.encoder.map((r) => [r.layer, r.resolution, r.channels, r.elements, mb3(r.bytes)])).toEqual([
      ['encoder1', 128, 24, 393216, '1.500'],
      ['encoder2', 64, 48, 196608, '0.750'],
      ['encoder3', 32, 64, 65536, '0.250'],
      ['encoder4', 16, 96, 24576, '0.094'],
      ['encoder5', 8, 128, 8192, '0.031'],
      ['encoder6', 8, 192, 12288, '0.047'],
    ]);
    expect(mb3(t.encoderBytes)).toBe('2.672');
  });

  it('prints the decoder rows: reversed(c_list[:-1]) at reversed(resolutions[:-1])', () => {
    expect(t.decoder.map((r) => [r.layer, r.resolution, r.channels, r.elements, mb3(r.bytes)])).toEqual([
      ['decoder1', 8, 128, 8192, '0.031'],
      ['decoder2', 16, 96, 24576, '0.094'],
      ['decoder3', 32, 64, 65536, '0.250'],
      ['decoder4', 64, 48, 196608, '0.750'],
      ['decoder5', 128, 24, 393216, '1.500'],
    ]);
    // The notebook's output is cut off here; 688,128 elements x 4 bytes.
    expect(t.decoderBytes).toBe(2752512);
    expect(t.totalBytes).toBe(2801664 + 2752512);
  });

  it('multiplies by batch and scales with size', () => {
    // encoder1 at 512: 24 ch x 256 x 256 (512/2) x 4 bytes = 6,291,456; batch 2 doubles it.
    expect(featureMapTable(512, 1, C).encoder[0].bytes).toBe(6291456);
    expect(featureMapTable(512, 2, C).encoder[0].bytes).toBe(12582912);
  });
});

describe('§2 DWBlock working set', () => {
  it('3->24@256 prints each component and 18.7565 MB', () => {
    const ws = dwBlockWorkingSet(3, 24, 256);
    expect(Object.keys(ws)).toEqual([
      'input',
      'pw_conv_weights',
      'pw_conv_output',
      'fused_conv_weights',
      'fused_conv_output',
      'prcm_params',
      'prcm_intermediate',
      'output',
    ]);
    expect(Object.values(ws).map(mb4)).toEqual(['0.7500', '0.0003', '6.0000', '0.0046', '6.0000', '0.0015', '0.0002', '6.0000']);
    expect(ws).toEqual({
      input: 786432,
      pw_conv_weights: 288,
      pw_conv_output: 6291456,
      fused_conv_weights: 4800,
      fused_conv_output: 6291456,
      prcm_params: 1536,
      prcm_intermediate: 224,
      output: 6291456,
    });
    expect(workingSetTotal(ws)).toBe(19667648);
    expect(mb4(workingSetTotal(ws))).toBe('18.7565');
    expect(cacheFit(workingSetTotal(ws))).toEqual({ l2: false, l3: false });
  });

  it('24->48@128 prints the rows the notebook shows', () => {
    const ws = dwBlockWorkingSet(24, 48, 128);
    expect([ws.input, ws.pw_conv_weights, ws.pw_conv_output, ws.fused_conv_output].map(mb4)).toEqual(['1.5000', '0.0044', '3.0000', '3.0000']);
    // Printed truncated as "0.009": 48*49*4 + 48*4 = 9,600 bytes.
    expect(ws.fused_conv_weights).toBe(9600);
    expect(mb3(ws.fused_conv_weights)).toBe('0.009');
  });

  it('the summary table: six totals and cache levels', () => {
    const rows = encoderConfigs(256, C).map((b) => {
      const total = workingSetTotal(dwBlockWorkingSet(b.inChannels, b.outChannels, b.resolution));
      return [`${b.inChannels}->${b.outChannels}@${b.resolution}`, mb3(total), bottleneck(total)];
    });
    expect(rows).toEqual([
      ['3->24@256', '18.757', 'DRAM'],
      ['24->48@128', '10.517', 'DRAM'],
      ['48->64@64', '3.778', 'L3'],
      ['64->96@32', '1.423', 'L3'],
      ['96->128@16', '0.549', 'L2'],
      ['128->192@8', '0.315', 'L2'],
    ]);
  });

  it('3->24@512 by hand', () => {
    // input 3*512*512*4 = 3,145,728; pw/fused/output maps 24*512*512*4 = 25,165,824 each (x3 = 75,497,472);
    // weights and PRCM: 3*24*4 + (24*49*4 + 24*4) + 2*8*24*4 + (24+8+24)*4 = 288 + 4,800 + 1,536 + 224 = 6,848.
    // Total 3,145,728 + 75,497,472 + 6,848 = 78,650,048 bytes = 75.0065 MB.
    const total = workingSetTotal(dwBlockWorkingSet(3, 24, 512));
    expect(total).toBe(78650048);
    expect(mb4(total)).toBe('75.0065');
    expect(bottleneck(total)).toBe('DRAM');
  });

  it('batch multiplies the feature maps but not the weights', () => {
    const b1 = dwBlockWorkingSet(24, 48, 128, 7, 8, 1);
    const b4 = dwBlockWorkingSet(24, 48, 128, 7, 8, 4);
    expect(b4.output).toBe(4 * b1.output);
    expect(b4.pw_conv_weights).toBe(b1.pw_conv_weights);
    expect(b4.prcm_intermediate).toBe(4 * b1.prcm_intermediate);
  });

  it('equal channels: no pw conv, recorded as 0', () => {
    const ws = dwBlockWorkingSet(64, 64, 32);
    expect(ws.pw_conv_weights).toBe(0);
    expect(ws.pw_conv_output).toBe(0);
  });

  it('cache sizes are parameters; §2 fits with < and §3 classifies with >', () => {
    const caches = { l2: 1000, l3: 8000 };
    expect(cacheFit(1000, caches)).toEqual({ l2: false, l3: true });
    expect(bottleneck(1000, caches)).toBe('L2');
    expect(bottleneck(1001, caches)).toBe('L3');
    expect(bottleneck(8001, caches)).toBe('DRAM');
  });
});

describe('§4 RepConv', () => {
  it('24ch@256: training 42 MB, deploy 12 MB, 71.4%', () => {
    const r = repconvMemory(24, 256);
    expect(r.trainingBytes).toBe(42 * 2 ** 20);
    expect(r.deployBytes).toBe(12 * 2 ** 20);
    expect(r.reductionPercent.toFixed(1)).toBe('71.4');
  });

  it('48ch@128: 21 / 6 MB', () => {
    const r = repconvMemory(48, 128);
    expect([mb3(r.trainingBytes), mb3(r.deployBytes)]).toEqual(['21.000', '6.000']);
  });

  it('stages generalise the hard-coded list', () => {
    expect(repconvStages(256, C)).toEqual([
      [24, 256],
      [48, 128],
      [64, 64],
      [96, 32],
      [128, 16],
      [192, 8],
    ]);
  });
});

describe('§5 arithmetic intensity', () => {
  const row = (t: { flops: number; mem: number; ai: number }) => [t.flops, t.mem, t.ai.toFixed(2), boundOf(t.ai)];

  it('3->24@256', () => {
    const r = arithmeticIntensity(3, 24, 256);
    expect(row(r.dw_conv)).toEqual([154140672, 12587616, '12.25', 'balanced']);
    expect(row(r.pw_conv)).toEqual([9437184, 7078176, '1.33', 'memory']);
    expect(row(r.prcm)).toEqual([3146496, 12582912, '0.25', 'memory']);
  });

  it('24->48@128', () => {
    const r = arithmeticIntensity(24, 48, 128);
    expect(row(r.dw_conv)).toEqual([77070336, 6300864, '12.23', 'balanced']);
    expect(row(r.pw_conv)).toEqual([37748736, 4723200, '7.99', 'memory']);
    expect(row(r.prcm)).toEqual([1574400, 6291456, '0.25', 'memory']);
  });

  it('48->64@64 dw as printed', () => {
    expect(row(arithmeticIntensity(48, 64, 64).dw_conv)).toEqual([25690112, 2109696, '12.18', 'balanced']);
  });

  it('3->24@512 dw by hand', () => {
    // FLOPs 24 * 512*512 * 49 * 2 = 616,562,688; bytes (24*262,144 + 24*49)*4 + 24*262,144*4
    // = 25,165,824 + 4,704 + 25,165,824 = 50,336,352; AI = 12.249.
    const r = arithmeticIntensity(3, 24, 512).dw_conv;
    expect([r.flops, r.mem, r.ai.toFixed(3)]).toEqual([616562688, 50336352, '12.249']);
  });

  it('PRCM FLOPs hard-code 8 basis vectors; the real count differs', () => {
    // 24*65,536 (GAP) + 24*8*2 + 8*24*2 + 24*65,536 (scale) = 3,146,496
    expect(arithmeticIntensity(3, 24, 256).prcm.flops).toBe(prcmFlops(24, 256, 8));
    // With 16 basis vectors the two small matmuls cost 4*24*8 = 768 FLOPs more.
    expect(prcmFlops(24, 256, 16) - prcmFlops(24, 256, 8)).toBe(768);
  });

  it('thresholds', () => {
    expect([boundOf(9.99), boundOf(10), boundOf(49.9), boundOf(50)]).toEqual(['memory', 'balanced', 'balanced', 'compute']);
  });

  it('equal channels give no pw row', () => {
    expect(arithmeticIntensity(64, 64, 32).pw_conv).toEqual({ flops: 0, mem: 0, ai: 0 });
  });
});
