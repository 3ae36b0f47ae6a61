import { describe, it } from 'node:test';
import { PG_URL, postgresFactory } from '../helpers/stores.ts';
import { storeSuite } from './store-suite.ts';

if (PG_URL) storeSuite('postgres', postgresFactory);
else describe('store contract: postgres', () => it('needs VIGIL_TEST_PG_URL (set by .ci/run)', (t) => t.skip()));
