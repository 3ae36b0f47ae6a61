import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { NotFoundError } from '../core/errors.ts';
import { type CheckpointSignedPayload, TIMESTAMP_RECORDED, type TimestampRecordedPayload } from '../core/events.ts';
import type { LedgerEvent } from '../core/ledger-event.ts';
import type { Store } from '../store/contract.ts';
import { listCheckpoints } from './checkpoint.ts';
import {
  acceptReply,
  readTimestampReply,
  sendTimestampRequest,
  type TimestampRequest,
  timestampRequest,
} from './tsa.ts';

/** What a timestamp authority stamps for a checkpoint: the SHA-256 of its signed note, byte for byte. */
export function checkpointImprint(note: string): Buffer {
  return createHash('sha256').update(note).digest();
}

async function record(
  store: Store,
  checkpointSeq: number,
  note: string,
  response: Buffer,
  tsa: string,
  actor: string,
  request?: TimestampRequest,
): Promise<LedgerEvent<TimestampRecordedPayload>> {
  const imprint = checkpointImprint(note).toString('hex');
  const reply = acceptReply(response, imprint, request);
  const payload: TimestampRecordedPayload = {
    checkpointSeq,
    imprint,
    tsa,
    genTime: reply.genTime,
    response: response.toString('base64'),
  };
  const [e] = await store.append([{ kind: TIMESTAMP_RECORDED, at: new Date().toISOString(), actor, payload }]);
  return e as LedgerEvent<TimestampRecordedPayload>;
}

/** Ask a TSA now; the reply is checked (status, imprint, nonce) and kept as a ledger event. */
export async function stampCheckpoint(
  store: Store,
  cp: LedgerEvent<CheckpointSignedPayload>,
  url: string,
  actor: string,
): Promise<LedgerEvent<TimestampRecordedPayload>> {
  const req = timestampRequest(checkpointImprint(cp.payload.note));
  const response = await sendTimestampRequest(url, req);
  return record(store, cp.seq, cp.payload.note, response, url, actor, req);
}

/** Offline: the request (.tsq, DER) to carry to a TSA; `vigil timestamp import` takes the reply. */
export async function writeTimestampRequest(cp: LedgerEvent<CheckpointSignedPayload>, file: string): Promise<void> {
  await writeFile(file, timestampRequest(checkpointImprint(cp.payload.note)).der, { flag: 'wx' });
}

/** A reply brought in by hand: matched to the checkpoint whose note it stamps. */
export async function importTimestamp(
  store: Store,
  response: Buffer,
  actor: string,
  source = 'imported',
): Promise<LedgerEvent<TimestampRecordedPayload>> {
  const reply = readTimestampReply(response);
  const checkpoints = await listCheckpoints(store);
  const cp = checkpoints.find((c) => checkpointImprint(c.payload.note).toString('hex') === reply.imprint);
  if (!cp) {
    if (reply.status > 1) acceptReply(response, '');
    throw new NotFoundError(`the reply stamps ${reply.imprint}, which is no checkpoint of this ledger`, reply.imprint);
  }
  return record(store, cp.seq, cp.payload.note, response, source, actor);
}
