/** Working tier: person notes (PFIF 1.4 status vocabulary). Never edited; a later note may supersede one. */
export interface NotesTable {
  id: string;
  person_id: string;
  status: string | null;
  author_made_contact: number | null;
  text: string;
  author: string;
  at: string;
  supersedes: string | null;
  superseded_by: string | null;
  /** JSON object: machine evidence behind a system note. */
  evidence: string | null;
  seq: number;
}
