/** Working tier: the latest triage result per message (message.analyzed), label applied on top. */
export interface AnalysesTable {
  message_id: string;
  content_hash: string;
  language: string;
  /** Effective category: a person's label when there is one, else the model's. */
  category: string;
  model_category: string;
  confidence: number;
  urgency: number;
  eyewitness: number;
  /** JSON of the whole Analysis. */
  analysis: string;
  model_version: string;
  /** Near-duplicate signature of the analyzed text (src/analysis/near-dup.ts); null when not known. */
  copy_key: string | null;
  simhash: string | null;
  /** Casualty figures in `analysis`; null on rows written before the column. */
  figures: number | null;
  at: string;
  seq: number;
}
