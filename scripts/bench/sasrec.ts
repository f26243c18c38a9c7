/**
 * SASRec inference time in the engine: onnxruntime-node on the committed artifact, one company's
 * sequence per call (batch 1), as `recommend` runs it.
 *
 * Usage: npx tsx scripts/bench/sasrec.ts [--runs 30] [--provider cpu|cuda] [--models-dir DIR]
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { createLogger } from '../../core/logger.js';
import { defaultModelsDir, readSasrecArtifact } from '../../engine/predict/sasrec-artifact.js';
import { type OnnxProvider, SasrecOnnxPredictor } from '../../engine/predict/sasrec-onnx.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '30' },
    provider: { type: 'string', default: 'cpu' },
    'models-dir': { type: 'string' },
  },
});
const runs = Number(values.runs);
const provider = values.provider as OnnxProvider;
const artifact = readSasrecArtifact(values['models-dir'] ?? defaultModelsDir());
const predictor = await SasrecOnnxPredictor.load(artifact, provider, createLogger({ level: 'warn' }));
const { dimension, maxLength } = artifact.metadata;

function randomUnitVectors(count: number): Float32Array[] {
  return Array.from({ length: count }, () => {
    const vector = Float32Array.from({ length: dimension }, () => Math.random() - 0.5);
    const norm = Math.hypot(...vector);
    return vector.map((value) => value / norm);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

console.log(
  `SASRec ${artifact.metadata.modelVersion} (${dimension}-d, max length ${maxLength}) on ${predictor.provider}; ` +
    `${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, Node.js ${process.version}`,
);
for (const length of [16, 128, 512, maxLength]) {
  const sequence = randomUnitVectors(length);
  for (let i = 0; i < 3; i++) await predictor.predict(sequence);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await predictor.predict(sequence);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(
    `length ${String(length).padStart(4)}: median ${percentile(times, 50).toFixed(2)} ms, ` +
      `p95 ${percentile(times, 95).toFixed(2)} ms over ${runs} runs`,
  );
}
await predictor.close();
