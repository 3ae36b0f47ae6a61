import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Alert } from '../../../src/core/alert.ts';
import { AlertStream } from '../../../src/watch/notifiers/stream.ts';
import { SAMPLE_ALERT } from './sample-alert.ts';

describe('alert stream', () => {
  it('subscribers receive alerts delivered after they subscribe, until they abort', async () => {
    const stream = new AlertStream();
    const ac = new AbortController();
    const got: Alert[] = [];
    const reading = (async () => {
      for await (const a of stream.subscribe(ac.signal)) {
        got.push(a);
        if (got.length === 2) ac.abort();
      }
    })();
    await new Promise((r) => setImmediate(r));
    assert.equal(stream.listenerCount(), 1);
    await stream.deliver(SAMPLE_ALERT);
    await stream.deliver({ ...SAMPLE_ALERT, id: 'a-fedcba9876543210' });
    await reading;
    assert.deepEqual(
      got.map((a) => a.id),
      ['a-0123456789abcdef', 'a-fedcba9876543210'],
    );
    assert.equal(stream.listenerCount(), 0);
  });
});
