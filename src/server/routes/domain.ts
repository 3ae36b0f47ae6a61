import type { App, ServerContext } from '../context.ts';
import { alertRoutes } from './alerts.ts';
import { labelRoutes } from './labels.ts';
import { peopleRoutes } from './people.ts';
import { settingsRoutes } from './settings.ts';

/** People and alerts (src/watch), labels (src/analysis). */
export async function domainRoutes(app: App, ctx: ServerContext) {
  await peopleRoutes(app, ctx);
  await alertRoutes(app, ctx);
  await labelRoutes(app, ctx);
  await settingsRoutes(app, ctx);
}
