import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Digest } from '../../src/report/digest-model.ts';
import { renderMarkdown } from '../../src/report/render-md.ts';

describe('the Markdown digest of a large week', () => {
  it('renders hundreds of thousands of casualty lines (a spread into push() overflowed the stack at 838,000 messages)', () => {
    const d = JSON.parse(
      readFileSync(new URL('../fixtures/digest/demo-2016-12-12-14-en.json', import.meta.url), 'utf8'),
    ) as Digest;
    assert.ok(d.casualties.length > 10);
    const many = Array.from({ length: 4000 }, () => d.casualties).flat();
    const md = renderMarkdown({ ...d, casualties: many });
    const lines = md.split('\n').length;
    assert.ok(lines > 200_000, `${lines} lines`);
    const first = d.casualties[0].figures[0].values[0].sources[0].text.split('\n')[0];
    assert.equal(md.split(first).length - 1 >= 4000, true);
  });
});
