/**
 * Writes generated Korean patent texts (title, abstract, IPC list) as JSON lines, for training the
 * small text models under models/text/ and for their parity fixtures. The texts come from the demo
 * data generator, so they carry no real patent rows.
 *
 *   npx tsx scripts/models/text-corpus.ts --out var/text/generated-corpus.jsonl [--count 4000] [--seed 7]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { composePatentText } from '../../data/generate/patent-text.js';
import { Rng } from '../../data/generate/prng.js';
import { AREAS } from '../../data/generate/vocabulary/index.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'var/text/generated-corpus.jsonl' },
    count: { type: 'string', default: '4000' },
    seed: { type: 'string', default: '7' },
  },
});
const count = Number(values.count);
const seed = Number(values.seed);
if (!Number.isInteger(count) || count < 1) {
  throw new Error(`--count must be a positive integer, got ${values.count}`);
}
if (!Number.isInteger(seed)) {
  throw new Error(`--seed must be an integer, got ${values.seed}`);
}

const rng = new Rng(seed);
const lines: string[] = [];
for (let i = 0; i < count; i += 1) {
  const area = rng.pick(AREAS);
  const secondary = rng.chance(0.3) ? rng.pick(AREAS) : undefined;
  const text = composePatentText(rng, area, secondary, rng.chance(0.1));
  lines.push(JSON.stringify({ title: text.title, abstract: text.abstract, ipc: text.ipc }));
}
mkdirSync(dirname(values.out), { recursive: true });
writeFileSync(values.out, `${lines.join('\n')}\n`);
console.log(`Wrote ${count} generated patent texts to ${values.out}`);
