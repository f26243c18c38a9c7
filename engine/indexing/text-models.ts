import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ExitError } from '../../core/errors.js';
import type { Embedder } from '../embed/embedder.js';
import { assertEmbedderMatchesIndex, OnnxEncoderEmbedder, type Pooling } from '../embed/onnx-encoder.js';
import { requireModelFile, TEXT_MODEL_FILES } from '../embed/text-model-artifact.js';
import { TfidfSvdEmbedder } from '../embed/tfidf-svd.js';
import { ExtractiveSummarizer } from '../summarize/extractive.js';
import { OnnxSeq2SeqSummarizer } from '../summarize/onnx-seq2seq.js';
import type { Summarizer } from '../summarize/summarizer.js';
import { EMBEDDER_DIR, type IndexManifest } from './artifacts.js';

/** Embedder id recorded in the manifest of an index built with an ONNX encoder. */
export const ONNX_ENCODER_ID = 'onnx-encoder';

/** The embedder an index build uses: the fitted default, or an exported encoder folder. */
export type EmbedderChoice = { kind: 'tfidf-svd' } | { kind: 'onnx'; dir: string; pooling: Pooling | null };

/** The summariser an index build uses: the default extractive one, or an exported seq2seq folder. */
export type SummarizerChoice = { kind: 'extractive' } | { kind: 'onnx'; dir: string };

/**
 * Copies an exported encoder into the index's embedder folder, so the index carries the model it
 * was built with, and opens it there.
 */
export async function installOnnxEmbedder(
  choice: { dir: string; pooling: Pooling | null },
  target: string,
): Promise<OnnxEncoderEmbedder> {
  mkdirSync(target, { recursive: true });
  for (const file of [TEXT_MODEL_FILES.metadata, TEXT_MODEL_FILES.tokenizer, TEXT_MODEL_FILES.encoder]) {
    copyFileSync(requireModelFile(choice.dir, file), join(target, file));
  }
  return OnnxEncoderEmbedder.load(target, choice.pooling ? { pooling: choice.pooling } : {});
}

/**
 * Opens the embedder stored in the index folder `dir`, of the kind its manifest records, and
 * throws INDEX_MISMATCH, saying to rebuild, when its space or dimension differs from the index's.
 */
export async function loadIndexEmbedder(dir: string, manifest: IndexManifest): Promise<Embedder> {
  const folder = join(dir, EMBEDDER_DIR);
  let embedder: Embedder;
  if (manifest.embedder.id === ONNX_ENCODER_ID) {
    const pooling = manifest.embedder.pooling;
    if (pooling !== 'mean' && pooling !== 'cls') {
      throw new ExitError(
        'INDEX_MISMATCH',
        `The index manifest in ${dir} records no pooling for its ONNX encoder. Run \`exitbot index build\`.`,
      );
    }
    embedder = await OnnxEncoderEmbedder.load(folder, { pooling });
  } else {
    embedder = TfidfSvdEmbedder.load(folder);
  }
  assertEmbedderMatchesIndex(embedder, manifest, dir);
  return embedder;
}

/** Opens the chosen summariser. */
export async function openSummarizer(choice: SummarizerChoice | undefined): Promise<Summarizer> {
  if (choice?.kind === 'onnx') return OnnxSeq2SeqSummarizer.load(choice.dir);
  return new ExtractiveSummarizer();
}
