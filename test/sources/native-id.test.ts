import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DerivedIds } from '../../src/sources/native-id.ts';

test('derived ids are stable across runs and number exact repeats within a timestamp', () => {
  const run = () => {
    const ids = new DerivedIds();
    return [
      ids.next(['chat', '2016-12-13T14:02', 'name:A', 'ok'], '2016-12-13T14:02'),
      ids.next(['chat', '2016-12-13T14:02', 'name:A', 'ok'], '2016-12-13T14:02'),
      ids.next(['chat', '2016-12-13T14:03', 'name:A', 'ok'], '2016-12-13T14:03'),
    ];
  };
  const a = run();
  assert.deepEqual(a, run());
  assert.equal(a[1], `${a[0]}-2`);
  assert.notEqual(a[2], a[0]);
  assert.match(a[0] ?? '', /^h-[0-9a-f]{24}$/);
});
