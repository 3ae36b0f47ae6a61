import type { App, ServerContext } from '../context.ts';
import { alertRoutes } from './alerts.ts';
import { digestRoutes } from './digest.ts';
import { labelRoutes } from './labels.ts';
import { peopleRoutes } from './people.ts';
import { settingsRoutes } from './settings.ts';
import { sourceRoutes } from './sources.ts';

/** People and alerts (src/watch), labels (src/analysis), digests (src/report), live collection health (src/pipeline/collect). */
export async function domainRoutes(app: App, ctx: ServerContext) {
  await peopleRoutes(app, ctx);
  await alertRoutes(app, ctx);
  await labelRoutes(app, ctx);
  await settingsRoutes(app, ctx);
  await digestRoutes(app, ctx);
  await sourceRoutes(app, ctx);
}
