/**
 * Benchmark of the TF-IDF + SVD embedder on a synthetic Korean corpus: fit time by stage, and
 * embedding throughput in documents per second on one thread. The load average is printed because
 * other processes on the machine slow both down.
 *
 *   npx tsx scripts/bench/embed.ts [--docs 1000000] [--fit-sample 30000] [--dimension 256]
 *
 * Each synthetic document imitates a patent title plus summary, about 300 characters: words are
 * random strings of 2 to 4 Hangul syllables, drawn mostly from one of 200 topics, with particles
 * attached. Real patent text repeats more, so its vocabulary is smaller than the synthetic one.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { SeededRandom } from '../../engine/embed/random.js';
import { TfidfSvdEmbedder } from '../../engine/embed/tfidf-svd.js';

const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: '1000000' },
    'fit-sample': { type: 'string', default: '30000' },
    dimension: { type: 'string', default: '256' },
  },
});
const documentCount = Number(values.docs);
const fitSample = Number(values['fit-sample']);
const dimension = Number(values.dimension);

const SYLLABLES =
  '가각간감강개거건검게격결경계고공과관광교구국군권규균극근금기나남내노농능다단담대도동두등라래량려력련로료류리마만매면명모목무문물미민반발방배백범법변보복본부분비사산상색생서석선설성세소속송수순시식신실심아안압액약양어억언업여역연열염영예오온외요용우운원위유율융음응의이인일자작장재저적전절점접정제조종주준중증지직진질집차착찬참창처천철체초촉총최추축출충측층치칩침코크타탄탈태터테토통투특파판패편평포표품피필하학한할함합항해핵행향허험현혈형호화확환활회효후흡';
const PARTICLES = ['을', '를', '이', '가', '의', '에', '와', '과', '로', '은', '는', '에서', '으로', ''];
const ENDINGS = ['한다.', '된다.', '포함한다.', '제공한다.', '형성된다.', '있다.'];

function makeWord(random: SeededRandom): string {
  const length = 2 + random.nextInt(3);
  let word = '';
  for (let i = 0; i < length; i += 1) {
    word += SYLLABLES.charAt(random.nextInt(SYLLABLES.length));
  }
  return word;
}

const random = new SeededRandom(7);
const WORDS = Array.from({ length: 20_000 }, () => makeWord(random));
const TOPICS = Array.from({ length: 200 }, () =>
  Array.from({ length: 60 }, () => random.nextInt(WORDS.length)),
);

function makeDocument(index: number): string {
  const local = new SeededRandom(index);
  const topic = TOPICS[local.nextInt(TOPICS.length)] as number[];
  const pick = (): string =>
    local.nextFloat() < 0.8
      ? (WORDS[topic[local.nextInt(topic.length)] as number] as string)
      : (WORDS[local.nextInt(WORDS.length)] as string);
  const title = Array.from({ length: 4 }, pick).join(' ');
  const parts: string[] = [title];
  let characters = title.length;
  while (characters < 300) {
    const sentence = `${Array.from({ length: 6 }, () => pick() + PARTICLES[local.nextInt(PARTICLES.length)]).join(' ')} ${pick()}${ENDINGS[local.nextInt(ENDINGS.length)]}`;
    parts.push(sentence);
    characters += sentence.length + 1;
  }
  return parts.join(' ');
}

function* corpus(count: number): Generator<string> {
  for (let i = 0; i < count; i += 1) {
    yield makeDocument(i);
  }
}

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const cpus = os.cpus();
console.log(
  `machine: ${os.platform()} ${os.arch()}, ${cpus.length} x ${cpus[0]?.model ?? 'unknown CPU'}, ` +
    `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node.js ${process.version}, ` +
    `load average ${os.loadavg()[0]?.toFixed(2)} at start`,
);

let start = process.hrtime.bigint();
let generatedCharacters = 0;
for (let i = 0; i < 10_000; i += 1) {
  generatedCharacters += makeDocument(i).length;
}
const generationSecondsPerDocument = seconds(start) / 10_000;
console.log(
  `corpus: ${documentCount} synthetic documents, mean ${(generatedCharacters / 10_000).toFixed(0)} characters`,
);

start = process.hrtime.bigint();
const stageSeconds = new Map<string, number>();
let stageStart = process.hrtime.bigint();
let currentStage = 'sampling';
const embedder = TfidfSvdEmbedder.fit(
  corpus(documentCount),
  { dimension, maxFeatures: 40_000, minDocFreq: 2, seed: 42, sampleSize: fitSample },
  (progress) => {
    if (progress.stage !== currentStage) {
      stageSeconds.set(currentStage, seconds(stageStart));
      currentStage = progress.stage;
      stageStart = process.hrtime.bigint();
    }
  },
);
stageSeconds.set(currentStage, seconds(stageStart));
const fitSeconds = seconds(start);
const sampleGenerationSeconds = documentCount * generationSecondsPerDocument;
console.log(
  `fit: ${fitSeconds.toFixed(1)} s over ${documentCount} documents (${embedder.metadata.fitDocumentCount} sampled, ` +
    `about ${sampleGenerationSeconds.toFixed(1)} s of it generating text), vocabulary ${embedder.metadata.vocabularySize}, ` +
    `dimension ${embedder.dimension}, space ${embedder.spaceId}`,
);
console.log(
  `fit stages: ${[...stageSeconds].map(([stage, value]) => `${stage} ${value.toFixed(1)} s`).join(', ')} ` +
    '(sampling includes generating the corpus)',
);

const BATCH = 1000;
let embedded = 0;
let embedSeconds = 0;
let batch: string[] = [];
for (const text of corpus(documentCount)) {
  batch.push(text);
  if (batch.length === BATCH) {
    const batchStart = process.hrtime.bigint();
    embedder.embed(batch);
    embedSeconds += seconds(batchStart);
    embedded += batch.length;
    batch = [];
  }
}
if (batch.length > 0) {
  const batchStart = process.hrtime.bigint();
  embedder.embed(batch);
  embedSeconds += seconds(batchStart);
  embedded += batch.length;
}
console.log(
  `embed: ${embedded} documents in ${embedSeconds.toFixed(1)} s on one thread, ` +
    `${Math.round(embedded / embedSeconds)} documents/s (text generation excluded), ` +
    `load average ${os.loadavg()[0]?.toFixed(2)} at end`,
);
