export interface Rejection {
  file: string;
  place: string;
  reason: string;
}

export interface ImportSummary {
  input: string;
  format: string;
  read: number;
  new: number;
  unchanged: number;
  edited: number;
  rejected: number;
  /** Recognized system notices (WhatsApp's "X added Y"...): stored as events, not posts. read = new + unchanged + edited + events + rejected. */
  events: number;
  /** Of those, how many were not stored before. */
  eventsNew: number;
  /** The first rejections in full (capped), then counts by reason. */
  rejections: Rejection[];
  rejectionsByReason: Record<string, number>;
  warnings: string[];
  blobs: { new: number; existing: number };
  stageFailures: Record<string, number>;
  durationMs: number;
  /** Bytes of the input read so far, when the source reports it. */
  bytesRead?: number;
}

export const MAX_LISTED_REJECTIONS = 100;

export function emptySummary(input: string, format: string): ImportSummary {
  return {
    input,
    format,
    read: 0,
    new: 0,
    unchanged: 0,
    edited: 0,
    rejected: 0,
    events: 0,
    eventsNew: 0,
    rejections: [],
    rejectionsByReason: {},
    warnings: [],
    blobs: { new: 0, existing: 0 },
    stageFailures: {},
    durationMs: 0,
  };
}

/** Group reasons without their variable parts (numbers, quoted values) so counts stay readable. */
export function reasonKey(reason: string): string {
  return reason
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\d+/g, 'N')
    .slice(0, 120);
}

export function addRejection(s: ImportSummary, r: Rejection): void {
  s.rejected++;
  if (s.rejections.length < MAX_LISTED_REJECTIONS) s.rejections.push(r);
  const k = reasonKey(r.reason);
  s.rejectionsByReason[k] = (s.rejectionsByReason[k] ?? 0) + 1;
}
