import { describe, expect, it } from 'vitest';
import {
  escapeMrkdwn,
  LIMITS,
  renderSlackMessages,
  type SlackMessage,
} from '../../../adapters/slack/blocks.js';
import { simpleReply } from '../../../bot/reply.js';
import type { ThreadState } from '../../../bot/thread-state.js';
import { detailsReply } from '../../../bot/views/partner.js';
import { resultListReply } from '../../../bot/views/result-list.js';
import { fixtureResult } from '../../bot/support/result-fixture.js';

function listState(count: number): ThreadState {
  return {
    key: { platform: 'slack', channelId: 'C1', threadId: '1.1' },
    userId: 'U1',
    request: { company: '124-81-00998', topK: count },
    result: fixtureResult(count),
    displayCount: count,
    shownCount: count,
    excludedIds: [],
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
  };
}

/** Checks every Block Kit limit EXIT relies on, for every block of every message. */
function expectWithinLimits(messages: SlackMessage[]): void {
  for (const message of messages) {
    expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
    expect(message.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
    for (const block of message.blocks) {
      if (block.type === 'section') {
        expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.sectionText);
        expect(block.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.sectionFields);
        for (const field of block.fields ?? [])
          expect(field.text.length).toBeLessThanOrEqual(LIMITS.fieldText);
      }
      if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(LIMITS.headerText);
      if (block.type === 'context') expect(block.elements.length).toBeLessThanOrEqual(LIMITS.contextElements);
      if (block.type === 'actions') {
        expect(block.elements.length).toBeLessThanOrEqual(LIMITS.actionsElements);
        const ids = block.elements.map((element) => ('action_id' in element ? element.action_id : ''));
        expect(new Set(ids).size).toBe(ids.length);
        for (const element of block.elements) {
          if (element.type === 'button')
            expect(element.text.text.length).toBeLessThanOrEqual(LIMITS.buttonText);
        }
      }
    }
  }
}

describe('renderSlackMessages', () => {
  it('renders five partners as one message with buttons', () => {
    const messages = renderSlackMessages(resultListReply(listState(5), listState(5).result.partners));
    expect(messages).toHaveLength(1);
    const blocks = messages[0]?.blocks ?? [];
    expect(blocks[0]?.type).toBe('header');
    const buttons = blocks
      .filter((block) => block.type === 'actions')
      .flatMap((block) => (block.type === 'actions' ? block.elements : []));
    expect(buttons.map((button) => ('action_id' in button ? button.action_id : '')).slice(0, 4)).toEqual([
      'exit_details_1',
      'exit_patents_1',
      'exit_valuation_1',
      'exit_exclude_1',
    ]);
    expectWithinLimits(messages);
  });

  it('splits fifty partners across messages within the limits', () => {
    const state = listState(50);
    const messages = renderSlackMessages(resultListReply(state, state.result.partners));
    expect(messages.length).toBeGreaterThan(1);
    expectWithinLimits(messages);
    const sections = messages
      .flatMap((message) => message.blocks)
      .filter((block) => block.type === 'section');
    const partnerSections = sections.filter(
      (block) => block.type === 'section' && /^\*#\d+ /.test(block.text?.text ?? ''),
    );
    expect(partnerSections).toHaveLength(50);
    expect(messages[1]?.text).toContain('(continued)');
  });

  it('cuts over-long text at the section limit', () => {
    const reply = simpleReply('info', 'Long', ['가'.repeat(5000), 'b'.repeat(10)]);
    const messages = renderSlackMessages(reply);
    expectWithinLimits(messages);
    const text = messages[0]?.blocks
      .map((block) => (block.type === 'section' ? block.text?.text : ''))
      .join('');
    expect(text).toContain('…');
    expect(text).toContain('b'.repeat(10));
  });

  it('escapes mrkdwn control characters from data', () => {
    const state = listState(2);
    const messages = renderSlackMessages(detailsReply(state.result, state.result.partners[0] as never));
    const all = JSON.stringify(messages[0]?.blocks);
    expect(all).toContain('&lt;칩&gt; &amp;');
    expect(escapeMrkdwn('<@U1> & co')).toBe('&lt;@U1&gt; &amp; co');
  });

  it('renders an error as one line', () => {
    const messages = renderSlackMessages(simpleReply('error', 'No company matches "x".'));
    expect(messages).toHaveLength(1);
    expect(messages[0]?.blocks).toHaveLength(1);
    expect(messages[0]?.text).toBe(':warning: No company matches "x".');
  });
});
