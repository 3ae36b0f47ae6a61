import type { Alert } from '../../../src/core/alert.ts';

export const SAMPLE_ALERT: Alert = {
  id: 'a-0123456789abcdef',
  key: 'person.silent:p-000000000001:1481637720000',
  kind: 'person.silent',
  subject: 'p-000000000001',
  personId: 'p-000000000001',
  at: '2016-12-14T08:00:00.000Z',
  title: 'Lamis Haj Ali has gone silent',
  reason:
    'silent: last post 2016-12-13 07:41 UTC, 24 h ago; usually every 89 min (median of 23 gaps); chance of a gap this long for them: 1 in 400',
  evidence: { lastPostAt: '2016-12-13T07:41:00.000Z', usualGapMs: 5_340_000, currentGapMs: 87_540_000, pGap: 0.0025 },
  links: [
    {
      messageId: 'f'.repeat(64),
      at: '2016-12-13T07:41:00.000Z',
      platform: 'twitter',
      url: 'https://demo.invalid/twitter/x/1',
    },
  ],
};
