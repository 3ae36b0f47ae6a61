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
  at: string;
  seq: number;
}
