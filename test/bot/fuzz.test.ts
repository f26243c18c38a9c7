import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InProcessEngineClient } from '../../bot/engine-client.js';
import { type ConversationContext, ExitBot } from '../../bot/exit-bot.js';
import { parseFollowUp } from '../../bot/follow-up.js';
import { MAX_TOP_K, parseCommand } from '../../bot/grammar.js';
import { errorReply } from '../../bot/messages.js';
import { type Reply, replyToText } from '../../bot/reply.js';
import { ThreadStore } from '../../bot/thread-store.js';
import { isExitError } from '../../core/errors.js';
import { silentLogger } from '../../core/logger.js';
import { MAX_COMPANY_QUERY_LENGTH } from '../../engine/resolve/company-query.js';
import { openSqliteTestStore, type TestStore } from '../support/stores.js';
import { fixtureResult } from './support/result-fixture.js';

/**
 * Seeded fuzzing of the `/exit` grammar and the follow-up parser: random code units, huge strings,
 * emoji, full-width digits, mixed scripts, SQL-like and JSON-like text, and the grammar's own words
 * in random order. No input may throw anything but a user error, and every reply must be one clear
 * line. The counts keep the run to a few seconds; a failure prints the seed and the input.
 */

const SEED = 20_240_611;
const COMMAND_INPUTS = 3000;
const FOLLOW_UP_INPUTS = 1500;
/** Maximum length of an error title. The unknown-sector message, which lists every sector, is about 450. */
const MAX_TITLE_LENGTH = 700;

/** mulberry32: a small, well-mixed 32-bit generator, so a failing input can be regenerated. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Fragments the generator strings together, grouped by what they attack. */
const IDENTIFIERS = [
  '124-81-00998',
  '１２４－８１－００９９８',
  '124—81—00998',
  '1248100997',
  '005930',
  'A005930',
];
const NAMES = [
  'id:7',
  'id:99999999999',
  '삼성전자',
  '(주)바이오',
  'Acme',
  'Ωmega',
  'Тест',
  '株式会社',
  'شركة',
];
const SECTORS = ['bio', '바이오', 'semiconductor', 'sector', 'sector:', 'sector:bio', '업종'];
const TOP_K = [
  'top',
  'top 3',
  'top 0',
  'top 51',
  'top5',
  'k=',
  '상위',
  '7개',
  'ｔｏｐ５',
  '--no-valuation-filter',
];
const QUOTES = ['"', '“', '」', "'"];
const FOLLOW_UPS = [
  '#2',
  '2번',
  '두 번째',
  'compare',
  '비교',
  'vs',
  'more',
  '더 보여줘',
  'exclude',
  '제외',
  'why',
  '왜',
];
const MORE_FOLLOW_UPS = ['patents', '특허', 'valuation', '시총', 'list', 'help', '도움말'];
const INJECTIONS = [
  "' OR 1=1 --",
  "'; DROP TABLE companies; --",
  '%',
  '_',
  '%_%',
  '{"company":"x","topK":99}',
];
const NUMBERS = ['[1, 2, 3]', 'null', 'NaN', '-1', '1e3', '0.85', '99999', '٣', '①'];
const ODD_CHARACTERS = [
  '🚀',
  '👨‍👩‍👧',
  '🇰🇷',
  '\u0000',
  '\u200b',
  '\u202e',
  '\uD800',
  '\uDFFF',
  '\t',
  '\n',
  '\r\n',
  '\u3000',
];
const WORDS = [
  ...IDENTIFIERS,
  ...NAMES,
  ...SECTORS,
  ...TOP_K,
  ...QUOTES,
  ...FOLLOW_UPS,
  ...MORE_FOLLOW_UPS,
  ...INJECTIONS,
  ...NUMBERS,
  ...ODD_CHARACTERS,
];

function makeInput(random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const roll = random();
  if (roll < 0.15) {
    // Random UTF-16 code units, lone surrogates and control characters included.
    const length = Math.floor(random() * 80);
    return String.fromCharCode(...Array.from({ length }, () => Math.floor(random() * 0x10000)));
  }
  if (roll < 0.25) {
    // Random bytes read as Latin-1, as a mis-decoded paste would arrive.
    const length = Math.floor(random() * 80);
    return Buffer.from(Array.from({ length }, () => Math.floor(random() * 256))).toString('latin1');
  }
  if (roll < 0.3) return pick(WORDS).repeat(1 + Math.floor(random() * 20_000));
  const count = 1 + Math.floor(random() * 8);
  const separator = random() < 0.7 ? ' ' : '';
  return Array.from({ length: count }, () => pick(WORDS)).join(separator);
}

/** Checks that a reply reads as a message: a non-empty one-line title of bounded length. */
function expectClearReply(reply: Reply, input: string): void {
  const label = `input ${JSON.stringify(input).slice(0, 200)} (seed ${SEED})`;
  expect(reply.title.trim(), label).not.toBe('');
  expect(reply.title, label).not.toMatch(/[\r\n]/);
  expect(reply.title.length, label).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
  expect(() => replyToText(reply), label).not.toThrow();
}

describe('command and follow-up fuzzing', () => {
  let store: TestStore;
  let bot: ExitBot;

  beforeAll(async () => {
    store = await openSqliteTestStore();
    bot = new ExitBot({
      engine: new InProcessEngineClient({ recommend: async (request) => fixtureResult(12, request) }),
      threads: new ThreadStore(store.db, silentLogger()),
      logger: silentLogger(),
      defaultTopK: 5,
      maxSearches: 2,
    });
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it('parses commands or raises user errors', () => {
    const random = generator(SEED);
    const outcomes = new Map<string, number>();
    for (let i = 0; i < COMMAND_INPUTS; i++) {
      const input = makeInput(random);
      const label = `input ${JSON.stringify(input).slice(0, 200)} (seed ${SEED}, #${i})`;
      let outcome: string;
      try {
        const command = parseCommand(input);
        outcome = command.kind;
        if (command.kind === 'recommend') {
          expect(command.company.length, label).toBeGreaterThan(0);
          expect(command.company.length, label).toBeLessThanOrEqual(MAX_COMPANY_QUERY_LENGTH);
          expect(command.company, label).not.toMatch(/\p{Cc}/u);
          if (command.topK !== null) expect(command.topK, label).toBeLessThanOrEqual(MAX_TOP_K);
        }
      } catch (error) {
        if (!isExitError(error) || !error.isUserError) throw new Error(`${label} threw ${String(error)}`);
        outcome = error.code;
        expectClearReply(errorReply(error, 'ref'), input);
      }
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      const plan = bot.planCommand(input);
      if (plan.kind === 'reply') expectClearReply(plan.reply, input);
      else expectClearReply(bot.workingReply(plan), input);
    }
    // The generator reaches every branch, so a change that rejects everything fails here.
    for (const kind of ['recommend', 'help', 'INVALID_INPUT', 'INVALID_BRN', 'UNKNOWN_SECTOR']) {
      expect(outcomes.get(kind) ?? 0, kind).toBeGreaterThan(0);
    }
  });

  it('answers follow-ups with clear replies', async () => {
    const random = generator(SEED + 1);
    const plan = bot.planCommand('124-81-00998 bio top 4');
    if (plan.kind !== 'search') throw new Error('expected a search plan');
    const context: ConversationContext = {
      thread: { platform: 'test', channelId: 'C1', threadId: 'fuzz' },
      userId: 'U1',
      requestId: 'fuzz',
      logger: silentLogger(),
    };
    await bot.search(context, plan);
    const kinds = new Set<string>();
    for (let i = 0; i < FOLLOW_UP_INPUTS; i++) {
      const input = makeInput(random);
      const question = parseFollowUp(input);
      kinds.add(question.kind);
      if ('rank' in question) expect(question.rank).toBeGreaterThanOrEqual(1);
      const reply = await bot.followUp(context, input);
      if (reply) expectClearReply(reply, input);
    }
    for (const kind of ['details', 'compare', 'more', 'exclude', 'unknown'])
      expect(kinds, kind).toContain(kind);
  });
});
