import { describe, expect, it } from 'vitest';
import { csvCell, layersCsv } from '../../src/report/csv.js';
import { results } from './fixture.js';

describe('layers CSV', () => {
  it('has one row per configuration and layer, empty cells for missing values', () => {
    const lines = layersCsv(results()).trimEnd().split('\n');
    expect(lines[0]).toBe(
      'batch,size,mode,status,layer,gpu_ms_median,gpu_ms_p10,gpu_ms_p90,seed_working_set_bytes,predicted_live_bytes,measured_live_bytes,measured_physical_bytes,' +
        'roofline_predicted_ms,roofline_measured_ms,roofline_ratio,roofline_within_tolerance,roofline_miss_reasons,working_set_bytes,cache_level,seed_cache_level,form,input_shapes,' +
        'gpu_ms_estimate,gpu_ms_stderr,gpu_ms_estimator,gpu_ms_resolved,gpu_runs_to_resolve,first_principles_ms,first_principles_ratio,first_principles_within_tolerance',
    );
    expect(lines).toHaveLength(4);
    // The fixture has no ceilings: the roofline and cache cells stay empty.
    expect(lines[1]).toBe('1,256,arena,ok,encoder1,1,1,1,18874368,8388608,8388608,11010048,,,,,,,,,,input=1x3x256x256,,,,,,,,');
    expect(lines[2]).toBe('1,256,arena,ok,final,2.4,2.4,2.4,,10485760,10485760,11010048,,,,,,,,,,input=1x3x256x256,,,,,,,,');
    expect(lines[3]).toBe('8,512,arena,oom,encoder1,,,,104857600,314572800,,,,,,,,,,,,input=8x3x512x512,,,,,,,,');
  });

  it('quotes cells with commas, quotes or newlines', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('x\ny')).toBe('"x\ny"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(0)).toBe('0');
  });
});
