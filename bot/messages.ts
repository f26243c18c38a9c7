import { isExitError, quoteValue } from '../core/errors.js';
import { describeSectors } from '../data/sectors.js';
import { describeTimeLimit } from '../engine/deadline.js';
import { type Command, formatCommand } from './grammar.js';
import { type Reply, type ReplyAction, simpleReply } from './reply.js';

/**
 * The user-facing wording shared by every platform: help, rate limits and one line per error code
 * stating what failed and what to do next. Internal detail goes to the log, never to the chat.
 */

export function helpReply(): Reply {
  return {
    ...simpleReply('info', 'EXIT recommends strategic partner companies from patent data'),
    summary: [
      'Usage: /exit <company> [sector] [top K]',
      'The company is a business registration number (124-81-00998), a KRX ticker (005930) or a name. Quote a name with spaces that ends in a sector word.',
      'Examples: /exit 124-81-00998 bio · /exit 삼성전자 반도체 top 10 · /exit "Acme Bio" sector:bio',
      `Sectors (code or English/Korean alias): ${describeSectors()}.`,
      'Partners valued below you or without a valuation are dropped; add --no-valuation-filter to keep them.',
      'In the result thread, ask: details 2 · patents of 2 · why #3 · compare 1 and 4 · more · exclude 2 · valuation of 2.',
      '한국어로도 물어볼 수 있습니다: 2번 자세히 · 2번 특허 보여줘 · 3번 왜? · 1번 4번 비교 · 더 보여줘 · 2번 제외 · 2번 기업가치.',
    ],
  };
}

/** Lists the questions a thread supports, sent when a follow-up was not understood. */
export function followUpHelpReply(ranks: string): Reply {
  return simpleReply('info', 'I can answer these in this thread:', [
    'details 2 · patents of 2 · why #3 · compare 1 and 4 · more · exclude 2 · valuation of 2 · list',
    '2번 자세히 · 2번 특허 · 3번 왜? · 1번 4번 비교 · 더 보여줘 · 2번 제외 · 2번 기업가치 · 목록',
    `Partners in this result: ${ranks || 'none'}.`,
  ]);
}

export function rateLimitedReply(retryAfterSeconds: number): Reply {
  return simpleReply(
    'error',
    `You have sent several searches in a short time. Please wait ${retryAfterSeconds} s and try again.`,
  );
}

/** Sent when a whole workspace (a Slack workspace, a Discord server) used up its searches for the minute. */
export function workspaceRateLimitedReply(retryAfterSeconds: number, place: 'workspace' | 'server'): Reply {
  return simpleReply(
    'error',
    `This ${place} has reached its limit of EXIT searches per minute. Please wait ${retryAfterSeconds} s and try again.`,
  );
}

/** Sent to a command from a workspace or channel outside the allow-list; it names no setting. */
export function notEnabledReply(): Reply {
  return simpleReply('error', 'EXIT is not enabled here.');
}

export function workingReply(company: string, sector: string | null, position: number | null): Reply {
  const what = sector ? `${company} (sector ${sector})` : company;
  const wait = position ? ` Waiting for ${position} search${position === 1 ? '' : 'es'} ahead.` : '';
  return simpleReply('working', `Searching partners for ${what}…${wait}`);
}

interface Candidate {
  id: number;
  name: string;
  brn: string | null;
  ticker: string | null;
}

function candidateLabel(candidate: Candidate): string {
  const id = candidate.brn ?? candidate.ticker ?? `id:${candidate.id}`;
  return `${candidate.name} (${id})`;
}

function candidatesOf(details: Record<string, unknown>, key: string): Candidate[] {
  const value = details[key];
  return Array.isArray(value) ? (value as Candidate[]) : [];
}

/**
 * Builds the one-line chat message for an error, with a reference id for internal errors so the operator
 * can find the log line. `rerun` turns an ambiguous name's candidates into "pick" buttons.
 */
export function errorReply(
  error: unknown,
  reference: string,
  rerun?: Extract<Command, { kind: 'recommend' }>,
): Reply {
  if (!isExitError(error)) {
    return simpleReply(
      'error',
      `Something went wrong inside EXIT. Please try again; if it keeps failing, give the operator this reference: ${reference}.`,
    );
  }
  const details = error.details;
  switch (error.code) {
    case 'INVALID_BRN':
    case 'INVALID_INPUT':
    case 'UNKNOWN_SECTOR':
      return simpleReply('error', error.message);
    case 'AMBIGUOUS_COMPANY': {
      const candidates = candidatesOf(details, 'candidates');
      const query = String(details.query ?? '');
      const reply = simpleReply(
        'error',
        `${quoteValue(query)} matches several companies. Pick one, or run /exit again with its BRN or ticker.`,
        [candidates.map(candidateLabel).join(' · ')],
      );
      const actions: ReplyAction[] = candidates.map((candidate) => ({
        kind: 'pick',
        label: candidate.name,
        value: formatCommand({
          kind: 'recommend',
          sector: null,
          topK: null,
          valuationFilter: null,
          ...rerun,
          company: `id:${candidate.id}`,
        }),
      }));
      return { ...reply, actions };
    }
    case 'COMPANY_NOT_FOUND': {
      const closest = candidatesOf(details, 'closest');
      const query = String(details.query ?? '');
      const hint = closest.length > 0 ? ` Closest names: ${closest.map(candidateLabel).join(', ')}.` : '';
      return simpleReply(
        'error',
        `No company matches ${quoteValue(query)}.${hint} Check the spelling, or use the BRN or ticker.`,
      );
    }
    case 'INDEX_MISSING':
    case 'INDEX_MISMATCH':
      return simpleReply(
        'error',
        `EXIT's search index is not ready, so it cannot search yet. Ask the operator to run \`exitbot index build\` (reference ${reference}).`,
      );
    case 'DATA_STORE_UNAVAILABLE':
      return simpleReply(
        'error',
        `EXIT's data store is unavailable right now. Please try again shortly (reference ${reference}).`,
      );
    case 'REQUEST_TIMEOUT': {
      const limitMs = typeof details.timeLimitMs === 'number' ? details.timeLimitMs : null;
      const took = limitMs === null ? 'took too long' : `took longer than ${describeTimeLimit(limitMs)}`;
      const narrow =
        rerun && !rerun.sector
          ? `, or narrow it with a sector: /exit ${formatCommand(rerun)} sector:<code> (/exit help lists the codes)`
          : '';
      return simpleReply(
        'error',
        `The search ${took} and was stopped. Please try again shortly${narrow} (reference ${reference}).`,
      );
    }
    case 'ENGINE_UNAVAILABLE': {
      if (details.reason === 'engine_starting')
        return simpleReply(
          'error',
          `EXIT is starting and still loading its search index. Please try again shortly (reference ${reference}).`,
        );
      const what = details.reason === 'engine_timeout' ? 'did not answer in time' : 'is unreachable';
      return simpleReply(
        'error',
        `The EXIT search engine ${what}. Please try again in a minute; if it keeps failing, tell the operator (reference ${reference}).`,
      );
    }
    default:
      return simpleReply(
        'error',
        `Something went wrong inside EXIT. Please try again; if it keeps failing, give the operator this reference: ${reference}.`,
      );
  }
}
