import type { Migration } from './migration.ts';

/**
 * Working tier: what a digest needs of a message without reading its text or its analysis JSON
 * (src/analysis/projector.ts writes them, so `vigil rebuild` fills them from the ledger):
 * - copy_key, simhash: the near-duplicate signature of the message's text (src/analysis/near-dup.ts),
 *   so a week's digest never re-hashes its texts. '' when the text has nothing to compare.
 * - figures: how many casualty figures the analysis holds, so the analysis JSON is read only for the rows
 *   that have some.
 * All three are null for an analysis row written before this migration (until `vigil rebuild`), and the
 * signature is null when the message's text had changed since it was analyzed: the digest then hashes the
 * text itself.
 */
export const analysisDupSignatureMigration: Migration = {
  name: '202612052130-analysis-dup-signature',
  tier: 'working',
  tables: [],
  async up(db) {
    await db.schema.alterTable('analyses').addColumn('copy_key', 'text').execute();
    await db.schema.alterTable('analyses').addColumn('simhash', 'text').execute();
    await db.schema.alterTable('analyses').addColumn('figures', 'integer').execute();
  },
};
