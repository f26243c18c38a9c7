import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/logger.js';
import { defaultModelsDir, readSasrecArtifact } from '../../engine/predict/sasrec-artifact.js';
import { SasrecOnnxPredictor } from '../../engine/predict/sasrec-onnx.js';

interface ParityFixture {
  tolerance: number;
  cases: { inputs: number[][]; expected: number[] }[];
}

// parity.json is written by models/sasrec/export_onnx.py beside the model: stored inputs and the
// PyTorch outputs for them. This test needs no Python.
describe('SASRec ONNX parity with PyTorch', async () => {
  const artifact = readSasrecArtifact(defaultModelsDir());
  const fixture = JSON.parse(readFileSync(join(artifact.dir, 'parity.json'), 'utf8')) as ParityFixture;
  const predictor = await SasrecOnnxPredictor.load(artifact, 'cpu', silentLogger());

  it('has cases of several lengths', () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(3);
    expect(new Set(fixture.cases.map((c) => c.inputs.length)).size).toBe(fixture.cases.length);
  });

  it.each(fixture.cases.map((c) => [c.inputs.length, c] as const))(
    'agrees within 1e-4 on %i patents',
    async (_length, parityCase) => {
      const output = await predictor.predict(parityCase.inputs.map((vector) => Float32Array.from(vector)));
      expect(output).toHaveLength(parityCase.expected.length);
      let worst = 0;
      output.forEach((value, i) => {
        worst = Math.max(worst, Math.abs(value - (parityCase.expected[i] as number)));
      });
      expect(fixture.tolerance).toBeLessThanOrEqual(1e-4);
      expect(worst).toBeLessThanOrEqual(fixture.tolerance);
    },
  );
});
