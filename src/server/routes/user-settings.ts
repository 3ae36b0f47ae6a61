import { readUserSettings, setUserSettings, UserSettings } from '../../store/queries/user-settings.ts';
import { principalOf } from '../auth/principal.ts';
import type { App, ServerContext } from '../context.ts';
import { errors } from '../schemas.ts';

/** The signed-in user's own dashboard settings; nobody reads or sets another user's. */
export async function userSettingsRoutes(app: App, ctx: ServerContext) {
  app.get(
    '/api/me/settings',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['auth'],
        summary: 'Your own dashboard settings (reveal graphic media by default, ...)',
        response: { 200: UserSettings, ...errors },
      },
    },
    async (req) => readUserSettings(ctx.store.db, principalOf(req).username),
  );

  app.put(
    '/api/me/settings',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['auth'],
        summary: 'Change your own dashboard settings; each change is a setting.changed event naming you',
        body: UserSettings.partial().strict(),
        response: { 200: UserSettings, ...errors },
      },
    },
    async (req) => {
      const username = principalOf(req).username;
      await setUserSettings(ctx.store, username, req.body, ctx.now());
      void ctx.waker.poke();
      return readUserSettings(ctx.store.db, username);
    },
  );
}
