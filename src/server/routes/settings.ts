import { z } from 'zod';
import { ReplayClock, readReplayClock, setReplayClock } from '../../watch/replay-clock.ts';
import { principalOf } from '../auth/principal.ts';
import type { App, ServerContext } from '../context.ts';
import { errors } from '../schemas.ts';

const Setting = z.object({
  clock: ReplayClock,
  updatedAt: z.string().optional(),
  updatedBy: z.string().optional(),
});

/** Settings of the data folder (system tier): the watchlist's replay clock. */
export async function settingsRoutes(app: App, ctx: ServerContext) {
  app.get(
    '/api/settings/replay-clock',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['admin'],
        summary: 'The replay clock: off (the board is judged at now), at the newest message, or at a fixed instant',
        response: { 200: Setting, ...errors },
      },
    },
    async () => readReplayClock(ctx.store.db),
  );

  app.put(
    '/api/settings/replay-clock',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary:
          'Set the replay clock: {"mode":"off"}, {"mode":"newest"} or {"mode":"at","at":"2016-12-15T00:00:00+02:00"}',
        body: ReplayClock,
        response: { 200: Setting, ...errors },
      },
    },
    async (req) => {
      const setting = await setReplayClock(ctx.store, req.body, principalOf(req).username, ctx.now());
      req.log.info({ clock: setting.clock, by: setting.updatedBy }, 'replay clock set');
      void ctx.waker.poke();
      return setting;
    },
  );
}
