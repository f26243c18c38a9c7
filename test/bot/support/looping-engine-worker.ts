import { parentPort, threadId } from 'node:worker_threads';
import type { WorkerRecommendMessage, WorkerReplyMessage } from '../../../bot/engine-worker-protocol.js';

/**
 * A stand-in for bot/engine-worker.ts that speaks the same messages without an engine. A request
 * for the company "loop" spins forever without checking its deadline, as a stuck search would, and
 * a request for "exit" stops the worker thread with exit code 3, as a crash would.
 * Any other request gets an empty result whose only note is the worker's thread id.
 */

function post(message: WorkerReplyMessage): void {
  parentPort?.postMessage(message);
}

parentPort?.on('message', (message: WorkerRecommendMessage) => {
  if (message.request.company === 'exit') process.exit(3);
  if (message.request.company === 'loop') {
    for (;;) {
      // Never returns, so the worker cannot read further messages.
    }
  }
  post({
    type: 'result',
    id: message.id,
    result: {
      requester: {
        id: 0,
        name: message.request.company,
        brn: null,
        ticker: null,
        sector: null,
        listed: false,
        valuation: null,
        patentCount: 0,
        representation: 'name',
      },
      query: { company: message.request.company, sector: null, topK: 1, valuationFilter: false },
      partners: [],
      notes: [`thread ${threadId}`],
      models: [],
      timingsMs: {},
    },
  });
});

post({ type: 'ready' });
