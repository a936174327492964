import { describe, expect, it } from 'vitest';
import { reportTitle } from '../../src/report/html.js';
import { results } from './fixture.js';

describe('report title', () => {
  it('names the model that ran: the built-in network or the ONNX file', () => {
    expect(reportTitle(results())).toBe('WebGPU working-set profile: JeongWonNet_DWBlock_Swap');
    const onnx = { ...results(), model: { name: 'squeezenet1.1.onnx', source: 'onnx' as const, file: 'squeezenet1.1.onnx' } };
    expect(reportTitle(onnx)).toBe('WebGPU working-set profile: squeezenet1.1.onnx');
  });
});
