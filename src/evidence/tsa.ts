import { randomBytes } from 'node:crypto';
import { VigilError } from '../core/errors.ts';
import { children, DerError, derUnsigned, oidBytes, readDer, tlv } from './der.ts';

/** RFC 3161 Time-Stamp Protocol: a request for a SHA-256 imprint, and what Vigil reads back from the reply. */
export class TimestampError extends VigilError {}

const SHA256 = '2.16.840.1.101.3.4.2.1';
const SIGNED_DATA = '1.2.840.113549.1.7.2';
const TST_INFO = '1.2.840.113549.1.9.16.1.4';

export interface TimestampRequest {
  der: Buffer;
  nonce: Buffer;
}

/** TimeStampReq { version 1, messageImprint (SHA-256), nonce, certReq TRUE }: the TSA puts its certificate in the token. */
export function timestampRequest(digest: Uint8Array, nonce: Buffer = randomBytes(8)): TimestampRequest {
  if (digest.length !== 32) throw new TimestampError('a SHA-256 imprint is 32 bytes');
  const algorithm = tlv(0x30, oidBytes(SHA256), Buffer.of(0x05, 0x00));
  const imprint = tlv(0x30, algorithm, tlv(0x04, digest));
  const der = tlv(0x30, derUnsigned(Buffer.of(1)), imprint, derUnsigned(nonce), Buffer.of(0x01, 0x01, 0xff));
  return { der, nonce };
}

export interface TimestampReply {
  /** PKIStatus: 0 granted, 1 grantedWithMods, 2 rejection, … */
  status: number;
  statusText?: string;
  /** Hex of the SHA-256 imprint the token covers. */
  imprint: string;
  genTime: string;
  /** Hex of the nonce, when the token has one. */
  nonce?: string;
  /** The whole reply, as sent. */
  response: Buffer;
}

function unsignedHex(intContent: Buffer): string {
  let b = intContent;
  while (b.length > 1 && b[0] === 0) b = b.subarray(1);
  return b.toString('hex');
}

function generalizedTime(content: Buffer): string {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\.\d+)?Z$/.exec(content.toString('latin1'));
  if (!m) throw new TimestampError(`not a GeneralizedTime: ${content.toString('latin1')}`);
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7] ?? ''}Z`;
}

/** Read a TimeStampResp: its status and, when granted, the token's imprint, time and nonce. */
export function readTimestampReply(response: Buffer): TimestampReply {
  try {
    const top = children(readDer(response));
    const statusInfo = children(top[0]);
    const status = statusInfo[0].content.readUIntBE(0, statusInfo[0].content.length);
    const statusText =
      statusInfo[1]?.tag === 0x30
        ? children(statusInfo[1])
            .map((s) => s.content.toString('utf8'))
            .join('; ')
        : undefined;
    if (status > 1 || !top[1]) return { status, statusText, imprint: '', genTime: '', response };
    const [contentType, explicit] = children(top[1]);
    if (!contentType.raw.equals(oidBytes(SIGNED_DATA))) throw new TimestampError('the token is not CMS SignedData');
    const signedData = children(children(explicit)[0]);
    const encap = children(signedData[2]);
    if (!encap[0].raw.equals(oidBytes(TST_INFO))) throw new TimestampError('the token does not hold a TSTInfo');
    const eContent = children(encap[1])[0];
    const tst = children(readDer(eContent.content));
    const imprint = children(tst[2])[1].content.toString('hex');
    const genTime = generalizedTime(tst[4].content);
    const nonce = tst.slice(5).find((n) => n.tag === 0x02);
    return { status, statusText, imprint, genTime, nonce: nonce ? unsignedHex(nonce.content) : undefined, response };
  } catch (err) {
    if (err instanceof TimestampError) throw err;
    if (err instanceof DerError || err instanceof RangeError || err instanceof TypeError)
      throw new TimestampError(`not an RFC 3161 TimeStampResp: ${(err as Error).message}`);
    throw err;
  }
}

/** Check a reply answers this imprint (and nonce, when the request is at hand); returns it read. */
export function acceptReply(response: Buffer, imprintHex: string, request?: TimestampRequest): TimestampReply {
  const reply = readTimestampReply(response);
  if (reply.status > 1)
    throw new TimestampError(
      `the timestamp authority refused (status ${reply.status}${reply.statusText ? `: ${reply.statusText}` : ''})`,
    );
  if (reply.imprint !== imprintHex)
    throw new TimestampError(`the token stamps ${reply.imprint}, not the checkpoint's ${imprintHex}`);
  if (request && reply.nonce !== unsignedHex(request.nonce))
    throw new TimestampError(`the token's nonce ${reply.nonce ?? '(none)'} is not the request's`);
  return reply;
}

/** POST the request to a TSA over HTTP(S), as RFC 3161 §3.4 describes. */
export async function sendTimestampRequest(url: string, req: TimestampRequest, signal?: AbortSignal): Promise<Buffer> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
      body: new Uint8Array(req.der),
      signal: signal ?? AbortSignal.timeout(30_000),
    });
  } catch (err) {
    throw new TimestampError(`could not reach the timestamp authority at ${url}: ${(err as Error).message}`, url);
  }
  if (!res.ok) throw new TimestampError(`the timestamp authority at ${url} answered HTTP ${res.status}`, url);
  return Buffer.from(await res.arrayBuffer());
}
