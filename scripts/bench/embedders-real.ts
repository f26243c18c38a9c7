/**
 * Compares embedders on the real KIPRIS abstracts by a retrieval task with a known answer: do a
 * patent's nearest neighbours share its main IPC subclass (the first 4 characters of the first
 * IPC code, for example H04W)? Every patent whose subclass appears at least twice is a query, and
 * the other patents are ranked by cosine similarity. The script reports precision@10 (share of the
 * 10 nearest with the same subclass) and the mean reciprocal rank of the first one that has it.
 * It also prints the exact expectation of both under a random ranking.
 *
 *   npx tsx scripts/bench/embedders-real.ts [--csv ../shared/data/real/kipris-neojune/patents_kipris_plus.csv]
 *     [--dimension 256] [--encoder NAME=DIR ...] [--threads 1]
 *
 * The TF-IDF/SVD embedder is fitted on the same abstracts with the settings of `exitbot index
 * build`. Each --encoder folder is an ONNX export from models/text (see models/README.md). The data
 * are read in place and nothing from them is written.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import type { Embedder } from '../../engine/embed/embedder.js';
import { OnnxEncoderEmbedder } from '../../engine/embed/onnx-encoder.js';
import { TfidfSvdEmbedder } from '../../engine/embed/tfidf-svd.js';

const { values } = parseArgs({
  options: {
    csv: { type: 'string', default: '../shared/data/real/kipris-neojune/patents_kipris_plus.csv' },
    dimension: { type: 'string', default: '256' },
    encoder: { type: 'string', multiple: true, default: [] },
    threads: { type: 'string', default: '1' },
  },
});

interface Patent {
  text: string;
  subclass: string;
}

function readPatents(path: string): Patent[] {
  const records = parse(readFileSync(path), { columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
  const patents: Patent[] = [];
  for (const record of records) {
    const abstract = (record.Abstract ?? '').trim();
    const firstCode = (record.InternationalpatentclassificationNumber ?? '').split('|')[0]?.trim() ?? '';
    if (!abstract || firstCode.length < 4) continue;
    const title = (record.InventionName ?? '').trim();
    patents.push({ text: title ? `${title}. ${abstract}` : abstract, subclass: firstCode.slice(0, 4) });
  }
  return patents;
}

interface Scores {
  precisionAt10: number;
  meanReciprocalRank: number;
}

function score(vectors: Float32Array[], patents: Patent[], queries: number[]): Scores {
  let precision = 0;
  let reciprocal = 0;
  const dimension = (vectors[0] as Float32Array).length;
  for (const q of queries) {
    const query = vectors[q] as Float32Array;
    const similarities: { index: number; similarity: number }[] = [];
    for (let j = 0; j < vectors.length; j += 1) {
      if (j === q) continue;
      const other = vectors[j] as Float32Array;
      let dot = 0;
      for (let d = 0; d < dimension; d += 1) dot += (query[d] as number) * (other[d] as number);
      similarities.push({ index: j, similarity: dot });
    }
    // Ties go to the lower index, so the result does not depend on the sort's stability.
    similarities.sort((a, b) => b.similarity - a.similarity || a.index - b.index);
    const subclass = (patents[q] as Patent).subclass;
    const hits = similarities.map((item) => (patents[item.index] as Patent).subclass === subclass);
    precision += hits.slice(0, 10).filter(Boolean).length / 10;
    reciprocal += 1 / (hits.indexOf(true) + 1);
  }
  return { precisionAt10: precision / queries.length, meanReciprocalRank: reciprocal / queries.length };
}

/** Expected scores when the n - 1 other patents are in random order and `relevant` of them match. */
function randomExpectation(patents: Patent[], queries: number[], counts: Map<string, number>): Scores {
  const others = patents.length - 1;
  let precision = 0;
  let reciprocal = 0;
  for (const q of queries) {
    const relevant = (counts.get((patents[q] as Patent).subclass) as number) - 1;
    precision += relevant / others;
    // P(first hit at rank r) = prod_{i<r} (others - relevant - i + 1) / (others - i + 1) * relevant / (others - r + 1)
    let missSoFar = 1;
    for (let rank = 1; rank <= others - relevant + 1; rank += 1) {
      const remaining = others - rank + 1;
      reciprocal += (missSoFar * (relevant / remaining)) / rank;
      missSoFar *= (remaining - relevant) / remaining;
    }
  }
  return { precisionAt10: precision / queries.length, meanReciprocalRank: reciprocal / queries.length };
}

async function main(): Promise<void> {
  const patents = readPatents(values.csv);
  const counts = new Map<string, number>();
  for (const patent of patents) counts.set(patent.subclass, (counts.get(patent.subclass) ?? 0) + 1);
  const queries = patents.flatMap((patent, i) => ((counts.get(patent.subclass) as number) >= 2 ? [i] : []));
  const texts = patents.map((patent) => patent.text);
  console.log(
    `${patents.length} patents with an abstract and IPC, ${counts.size} main subclasses, ${queries.length} queries ` +
      `(patents whose subclass appears at least twice)`,
  );
  console.log(
    `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.version}, load ${os.loadavg()[0]?.toFixed(2)}`,
  );

  const rows: { name: string; dimension: number; scores: Scores; seconds: number }[] = [];
  rows.push({
    name: 'random ranking (expected)',
    dimension: 0,
    scores: randomExpectation(patents, queries, counts),
    seconds: 0,
  });

  let started = performance.now();
  const tfidf = TfidfSvdEmbedder.fit(texts, {
    dimension: Number(values.dimension),
    maxFeatures: 40_000,
    minDocFreq: 2,
    seed: 42,
  });
  const tfidfVectors = tfidf.embed(texts);
  rows.push({
    name: 'TF-IDF/SVD (default, fitted on these abstracts)',
    dimension: tfidf.dimension,
    scores: score(tfidfVectors, patents, queries),
    seconds: (performance.now() - started) / 1000,
  });

  for (const spec of values.encoder as string[]) {
    const [name, directory] = spec.includes('=') ? (spec.split('=', 2) as [string, string]) : [spec, spec];
    started = performance.now();
    const embedder: Embedder = await OnnxEncoderEmbedder.load(directory, { threads: Number(values.threads) });
    const vectors = await embedder.embed(texts);
    rows.push({
      name,
      dimension: embedder.dimension,
      scores: score(vectors, patents, queries),
      seconds: (performance.now() - started) / 1000,
    });
  }

  console.log(
    '\n| embedder | dimension | precision@10 | MRR of first same-subclass neighbour | fit + embed time (s) |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const row of rows) {
    console.log(
      `| ${row.name} | ${row.dimension || '-'} | ${row.scores.precisionAt10.toFixed(3)} | ${row.scores.meanReciprocalRank.toFixed(3)} | ${row.seconds ? row.seconds.toFixed(1) : '-'} |`,
    );
  }
}

await main();
