import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CAPTURE_REQUESTED } from '../../../src/core/capture-events.ts';
import { captureTargets, linksIn } from '../../../src/evidence/capture/targets.ts';
import { captureStage } from '../../../src/pipeline/capture-stage.ts';

describe('what a message points to', () => {
  it('finds links in running text, Arabic punctuation and brackets trimmed', () => {
    assert.deepEqual(
      linksIn('القصف الآن https://t.co/AbC123، انظر (https://bit.ly/x1) و http://example.org/a_(b). Done https://x'),
      ['https://t.co/AbC123', 'https://bit.ly/x1', 'http://example.org/a_(b)', 'https://x'],
    );
    assert.deepEqual(linksIn('no links, ftp://nope and javascript:alert(1)'), []);
  });

  it('lists media not yet held, each link and the post page, once each; nothing for a deleted post', () => {
    const m = {
      text: 'video https://t.co/v and again https://t.co/v',
      url: 'https://twitter.com/a/status/1',
      media: [
        { url: 'https://pbs.twimg.com/media/1.jpg' },
        { url: 'https://pbs.twimg.com/media/2.jpg', sha256: 'a'.repeat(64) },
        { url: 'https://t.co/v' },
      ],
    };
    assert.deepEqual(captureTargets(m), [
      { url: 'https://pbs.twimg.com/media/1.jpg', kind: 'media' },
      { url: 'https://t.co/v', kind: 'media' },
      { url: 'https://twitter.com/a/status/1', kind: 'page' },
    ]);
    assert.deepEqual(captureTargets({ ...m, deleted: true }), []);
  });

  it('the capture stage drafts one capture.requested per message that points somewhere', async () => {
    const message = (text: string) => ({
      id: 'd'.repeat(64),
      contentHash: 'e'.repeat(64),
      message: { text, media: [], capturedAt: '2026-12-04T10:00:00.000Z' } as never,
    });
    const drafts = await captureStage.run([message('nothing here'), message('see https://example.org/x')]);
    assert.equal(drafts.length, 1);
    assert.equal(drafts[0].kind, CAPTURE_REQUESTED);
    assert.deepEqual(drafts[0].payload, {
      messageId: 'd'.repeat(64),
      requests: [{ url: 'https://example.org/x', kind: 'link' }],
    });
  });
});
