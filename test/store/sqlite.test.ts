import { sqliteFactory } from '../helpers/stores.ts';
import { storeSuite } from './store-suite.ts';

storeSuite('sqlite', sqliteFactory);
