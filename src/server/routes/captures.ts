import { z } from 'zod';
import type { CaptureCompletedPayload } from '../../core/capture-events.ts';
import { BlobIntegrityError, BlobMissingError } from '../../core/errors.ts';
import { checkWacz } from '../../evidence/capture/wacz-read.ts';
import type { AuditKind } from '../../store/queries/audit.ts';
import { captureJobsOf, getCaptureJob } from '../../store/queries/capture-queue.ts';
import { principalOf } from '../auth/principal.ts';
import type { App, ServerContext } from '../context.ts';
import { errors } from '../schemas.ts';
import { loadVisible } from './messages.ts';

const MessageId = z.object({ id: z.string().regex(/^[0-9a-fA-F]{6,64}$/, 'a message id: 6 to 64 hex digits') });
const JobId = z.object({ jobId: z.string().regex(/^[0-9a-f]{64}$/, 'a capture id: 64 hex digits') });

/** Every blob a completed capture points at, named for the checks list. */
function blobsOf(p: CaptureCompletedPayload): [string, string][] {
  const out: [string, string][] = p.resources.map((r) => [`body of ${r.url} (${r.status})`, r.body.sha256]);
  out.push(['WARC', p.warc.sha256], ['WACZ', p.wacz.sha256]);
  if (p.page)
    out.push(
      ['screenshot', p.page.screenshot.sha256],
      ['rendered HTML', p.page.renderedHtml.sha256],
      ['page text', p.page.textBlob.sha256],
    );
  for (const [i, t] of (p.media?.thumbnails ?? []).entries()) out.push([`keyframe ${i + 1}`, t.sha256]);
  if (p.media?.file) out.push(['video file (yt-dlp)', p.media.file.sha256]);
  if (p.media?.infoJson) out.push(['yt-dlp info JSON', p.media.infoJson.sha256]);
  if (p.image) out.push(['image thumbnail', p.image.thumbnail.sha256]);
  return out;
}

/** The pictures of a capture the dashboard blurs: screenshot, image thumbnail, keyframes. */
function picturesOf(p: CaptureCompletedPayload): string[] {
  return [
    ...(p.page ? [p.page.screenshot.sha256] : []),
    ...(p.image ? [p.image.thumbnail.sha256] : []),
    ...(p.media?.thumbnails ?? []).map((t) => t.sha256),
  ];
}

export async function captureRoutes(app: App, ctx: ServerContext) {
  app.post(
    '/api/captures/:jobId/reveal',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['evidence'],
        summary:
          "Record that a blurred picture of a capture was revealed (a click, or the user's reveal-by-default setting): an audit.media_revealed event",
        params: JobId,
        body: z.object({
          sha256: z.string().regex(/^[0-9a-f]{64}$/),
          trigger: z.enum(['click', 'setting']).default('click'),
        }),
        response: { 200: z.object({ seq: z.number().int() }), ...errors },
      },
    },
    async (req, reply) => {
      const job = await getCaptureJob(ctx.store.db, req.params.jobId);
      const visible = job && (await loadVisible(ctx, job.messageId, req.principal!.role));
      const p = job?.state === 'done' ? (job.result as CaptureCompletedPayload) : undefined;
      if (!job || !visible || !p || !picturesOf(p).includes(req.body.sha256))
        return reply
          .code(404)
          .send({ error: 'not_found', message: `no picture ${req.body.sha256} in capture ${req.params.jobId}` });
      const [e] = await ctx.store.append([
        {
          kind: 'audit.media_revealed' satisfies AuditKind,
          at: ctx.now().toISOString(),
          actor: principalOf(req).username,
          payload: {
            capture: job.id,
            message: job.messageId,
            url: job.url,
            sha256: req.body.sha256,
            trigger: req.body.trigger,
          },
        },
      ]);
      void ctx.waker.poke();
      return { seq: e.seq };
    },
  );

  app.post(
    '/api/messages/:id/media/reveal',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['evidence'],
        summary:
          "Record that a blurred graphic picture a message carries (held media from its export) was revealed (a click, or the user's reveal-by-default setting): an audit.media_revealed event",
        params: MessageId,
        body: z.object({
          sha256: z.string().regex(/^[0-9a-f]{64}$/),
          trigger: z.enum(['click', 'setting']).default('click'),
        }),
        response: { 200: z.object({ seq: z.number().int() }), ...errors },
      },
    },
    async (req, reply) => {
      const m = await loadVisible(ctx, req.params.id, principalOf(req).role);
      const held = m?.media.find((x) => x.sha256 === req.body.sha256 && x.graphic);
      if (!m || !held)
        return reply
          .code(404)
          .send({ error: 'not_found', message: `no graphic picture ${req.body.sha256} on message ${req.params.id}` });
      const [e] = await ctx.store.append([
        {
          kind: 'audit.media_revealed' satisfies AuditKind,
          at: ctx.now().toISOString(),
          actor: principalOf(req).username,
          payload: { message: m.id, sha256: req.body.sha256, trigger: req.body.trigger, held: true },
        },
      ]);
      void ctx.waker.poke();
      return { seq: e.seq };
    },
  );

  app.get(
    '/api/messages/:id/captures',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['evidence'],
        summary: 'What was captured of the media, links and page a message points to: status, tries, hashes',
        params: MessageId,
        response: { 200: z.object({ captures: z.array(z.record(z.string(), z.unknown())) }), ...errors },
      },
    },
    async (req, reply) => {
      const m = await loadVisible(ctx, req.params.id, req.principal!.role);
      if (!m) return reply.code(404).send({ error: 'not_found', message: `no message ${req.params.id}` });
      const jobs = await captureJobsOf(ctx.store.db, m.id);
      return {
        captures: jobs.map((j) => ({
          id: j.id,
          kind: j.kind,
          url: j.url,
          state: j.state,
          attempts: j.attempts,
          ...(j.state === 'pending' ? { nextTryAt: j.nextTryAt } : {}),
          ...(j.lastError ? { lastError: j.lastError } : {}),
          ...(j.result ? { result: j.result } : {}),
        })),
      };
    },
  );

  app.post(
    '/api/captures/:jobId/verify',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['evidence'],
        summary: 'Re-hash every file of a capture and check its WACZ (datapackage digests) on the server',
        params: JobId,
        response: {
          200: z.object({
            ok: z.boolean(),
            checkedAt: z.string(),
            checks: z.array(z.object({ name: z.string(), ok: z.boolean(), detail: z.string().optional() })),
          }),
          ...errors,
          409: errors[404],
        },
      },
    },
    async (req, reply) => {
      const job = await getCaptureJob(ctx.store.db, req.params.jobId);
      const visible = job && (await loadVisible(ctx, job.messageId, req.principal!.role));
      if (!job || !visible)
        return reply.code(404).send({ error: 'not_found', message: `no capture ${req.params.jobId}` });
      if (job.state !== 'done')
        return reply.code(409).send({ error: 'not_captured', message: `capture ${job.id} is ${job.state}` });
      const p = job.result as CaptureCompletedPayload;
      const checks: { name: string; ok: boolean; detail?: string }[] = [];
      for (const [name, sha256] of blobsOf(p)) {
        try {
          await ctx.blobs.verify(sha256);
          checks.push({ name: `${name}: sha256 ${sha256.slice(0, 16)}…`, ok: true });
        } catch (err) {
          if (!(err instanceof BlobMissingError || err instanceof BlobIntegrityError)) throw err;
          checks.push({ name: `${name}: sha256 ${sha256.slice(0, 16)}…`, ok: false, detail: err.message });
        }
      }
      try {
        const w = await checkWacz(await ctx.blobs.get(p.wacz.sha256));
        checks.push({ name: 'WACZ datapackage digests', ok: w.ok, ...(w.ok ? {} : { detail: w.problems.join('; ') }) });
      } catch (err) {
        checks.push({ name: 'WACZ datapackage digests', ok: false, detail: (err as Error).message });
      }
      return { ok: checks.every((c) => c.ok), checkedAt: ctx.now().toISOString(), checks };
    },
  );
}
