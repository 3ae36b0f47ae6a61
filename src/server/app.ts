import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { BlobStore } from '../evidence/blob-store.ts';
import type { JobQueue } from '../pipeline/jobs/queue.ts';
import type { Store } from '../store/contract.ts';
import { authenticateHook } from './auth/authenticate.ts';
import { assertDeclaredAccess, collectRoutes, grantAccess, rememberRoutes } from './auth/route-access.ts';
import { SetupGate } from './auth/setup-gate.ts';
import type { App, IngestJsonl, ServerContext } from './context.ts';
import { errorHandler } from './error-handler.ts';
import { pipelineIngest } from './ingest-jsonl.ts';
import { type LogOptions, serverLogger } from './logger.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes, type LoginLimit } from './routes/auth.ts';
import { blobRoutes } from './routes/blobs.ts';
import { captureRoutes } from './routes/captures.ts';
import { domainRoutes } from './routes/domain.ts';
import { ingestRoutes } from './routes/ingest.ts';
import { jobRoutes } from './routes/jobs.ts';
import { messageRoutes } from './routes/messages.ts';
import { searchRoutes } from './routes/search.ts';
import { statsRoutes } from './routes/stats.ts';
import { streamRoutes } from './routes/stream.ts';
import { userSettingsRoutes } from './routes/user-settings.ts';
import { userRoutes } from './routes/users.ts';
import { securityHeaders } from './security-headers.ts';
import { LedgerWaker } from './stream/ledger-waker.ts';
import { DEFAULT_WEB_ROOT, serveWeb } from './web.ts';

export interface ServerOptions {
  store: Store;
  blobs: BlobStore;
  /** The data folder, for local caches (the digest's translations). */
  dataDir?: string;
  /** Defaults to the live-ingest pipeline over store and blobs. */
  ingest?: IngestJsonl;
  now?: () => Date;
  log?: LogOptions | false;
  /** The built dashboard; false serves the API only. */
  webRoot?: string | false;
  /** Set Secure on cookies (behind HTTPS). */
  secureCookies?: boolean;
  streamPollMs?: number;
  loginLimit?: LoginLimit;
  /** The job queue for the Jobs page (vigil serve opens pg-boss on PostgreSQL). */
  jobs?: JobQueue;
  /** Called once at start when no user exists yet, with the one-time admin setup token. */
  onSetupToken?: (token: string) => void;
}

export async function buildServer(opts: ServerOptions): Promise<App> {
  const app = Fastify({
    ...(opts.log === false ? { logger: false } : { loggerInstance: serverLogger(opts.log) }),
    trustProxy: false,
    bodyLimit: 32 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>() as unknown as App;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  // Before anything registers a route, so that plugin routes are seen and checked too.
  const routes = collectRoutes(app);
  rememberRoutes(app, routes);
  app.addHook('onReady', async () => assertDeclaredAccess(routes()));

  const waker = new LedgerWaker(opts.store, opts.streamPollMs ?? 250);
  const ctx: ServerContext = {
    store: opts.store,
    blobs: opts.blobs,
    dataDir: opts.dataDir,
    ingest: opts.ingest ?? pipelineIngest(opts.store, opts.blobs),
    now: opts.now ?? (() => new Date()),
    waker,
    secureCookies: opts.secureCookies ?? false,
    jobs: opts.jobs,
  };
  app.addHook('onClose', async () => waker.close());

  const setup = new SetupGate(opts.store);
  const setupToken = await setup.open();
  if (setupToken) opts.onSetupToken?.(setupToken);

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Vigil API',
        version: '0.1.0',
        description:
          'Every route needs a session cookie (POST /api/login) or `Authorization: Bearer <token>`, except GET /api/health and POST /api/login. Cookie-authenticated mutations also need the X-CSRF-Token header.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'vigil_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(async (docs) => {
    grantAccess(docs, 'viewer');
    await docs.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  });

  app.addHook('onRequest', authenticateHook(ctx));
  app.addHook('onSend', securityHeaders);

  app.get('/api/openapi.json', { config: { access: 'viewer' }, schema: { hide: true } }, async () => app.swagger());
  await authRoutes(app, ctx, setup, opts.loginLimit ?? { max: 10, timeWindow: 60_000 });
  await userRoutes(app, ctx);
  await searchRoutes(app, ctx);
  await messageRoutes(app, ctx);
  await blobRoutes(app, ctx);
  await captureRoutes(app, ctx);
  await userSettingsRoutes(app, ctx);
  await ingestRoutes(app, ctx);
  await statsRoutes(app, ctx);
  await auditRoutes(app, ctx);
  await streamRoutes(app, ctx);
  await domainRoutes(app, ctx);
  await jobRoutes(app, ctx);
  if (opts.webRoot !== false) await serveWeb(app, opts.webRoot ?? DEFAULT_WEB_ROOT);
  else
    app.setNotFoundHandler((req, reply) =>
      reply.code(404).send({ error: 'not_found', message: `no route ${req.url}` }),
    );
  return app;
}
