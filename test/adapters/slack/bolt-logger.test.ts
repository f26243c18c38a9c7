import { describe, expect, it } from 'vitest';
import { scrubSlackLog } from '../../../adapters/slack/bolt-logger.js';

describe('scrubSlackLog', () => {
  it('removes Slack tokens from log text', () => {
    const line = scrubSlackLog([
      'http request headers:',
      { Authorization: 'Bearer xoxb-1111-2222-secret' },
      'xapp-1-A1-abc',
    ]);
    expect(line).not.toContain('xoxb-1111');
    expect(line).not.toContain('xapp-1');
    expect(line).toContain('[redacted]');
  });
});
