/**
 * Working tier: how many messages (current versions) there are per platform and per language, kept by the
 * messages projector so stats() need not scan `messages`. `kind` 'no-lang' counts the messages without a
 * language under `value` ''.
 */
export interface MessageCountsTable {
  kind: 'platform' | 'lang' | 'no-lang';
  value: string;
  messages: number;
}
