import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clusterNearDuplicates } from '../../src/analysis/near-dup.ts';
import { generateDemo } from '../../src/demo/generate.ts';
import { nearDuplicateClusters } from '../../src/report/select.ts';

describe("the digest's near-duplicate clusters", () => {
  it('are the clusters analysis suggests, on the demo scenario', () => {
    const items = generateDemo().messages.map((m, i) => ({ id: String(i), text: m.text }));
    const sorted = (cs: string[][]) => cs.map((c) => [...c].sort()).sort((a, b) => a[0].localeCompare(b[0]));
    const mine = sorted(nearDuplicateClusters(items));
    assert.ok(mine.length > 5, `${mine.length} clusters`);
    assert.deepEqual(mine, sorted(clusterNearDuplicates(items).map((c) => c.members)));
  });
});
