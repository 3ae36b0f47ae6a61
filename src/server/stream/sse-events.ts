import { MESSAGE_ANALYZED, type MessageAnalyzedPayload } from '../../core/analysis-events.ts';
import {
  MESSAGE_CAPTURED,
  MESSAGE_DELETION_MARKED,
  type MessageCapturedPayload,
  type MessageDeletionMarkedPayload,
} from '../../core/events.ts';
import type { LedgerEvent } from '../../core/ledger-event.ts';
import { triageOf } from '../triage-view.ts';

export interface SseEvent {
  event: string;
  data: unknown;
}

/**
 * What the live stream tells a signed-in user about a ledger event. Person events carry only the
 * person's id: the client fetches the record, and that read is audited. Audit and credential events
 * are never streamed.
 */
export function toSse(e: LedgerEvent): SseEvent | undefined {
  if (e.kind === MESSAGE_CAPTURED) {
    const { id, message: m } = e.payload as MessageCapturedPayload;
    if (m.deleted) return { event: 'message_deleted', data: { seq: e.seq, id } };
    return {
      event: 'message',
      data: {
        seq: e.seq,
        id,
        platform: m.platform,
        author: m.author,
        postedAt: m.postedAt,
        text: m.text,
        lang: m.lang,
        url: m.url,
        media: m.media.map((x) => ({ sha256: x.sha256, mime: x.mime, graphic: x.graphic })),
        ...triageOf(m.text),
      },
    };
  }
  if (e.kind === MESSAGE_DELETION_MARKED)
    return {
      event: 'message_deleted',
      data: { seq: e.seq, id: (e.payload as MessageDeletionMarkedPayload).messageId },
    };
  if (e.kind === MESSAGE_ANALYZED) {
    const { messageId, analysis: a } = e.payload as MessageAnalyzedPayload;
    return {
      event: 'analysis',
      data: { seq: e.seq, kind: e.kind, messageId, category: a.category, confidence: a.confidence },
    };
  }
  const p = (e.payload ?? {}) as Record<string, unknown>;
  if (e.kind.startsWith('alert.'))
    return { event: 'alert', data: { seq: e.seq, kind: e.kind, at: e.at, actor: e.actor, payload: p } };
  if (e.kind.startsWith('person.') || e.kind.startsWith('watch.')) {
    const personId = (p.note as { personId?: string })?.personId ?? (p.person as { id?: string })?.id ?? p.personId;
    return { event: 'person', data: { seq: e.seq, kind: e.kind, at: e.at, personId } };
  }
  if (e.kind.startsWith('analysis.') || e.kind.startsWith('label.') || e.kind.startsWith('cluster.')) {
    return {
      event: 'analysis',
      data: { seq: e.seq, kind: e.kind, at: e.at, messageId: p.messageId ?? p.id, category: p.category },
    };
  }
  return undefined;
}

export function formatSse(seq: number, ev: SseEvent): string {
  return `id: ${seq}\nevent: ${ev.event}\ndata: ${JSON.stringify(ev.data)}\n\n`;
}
