import { api } from './api.ts';

/** The signed-in user's own dashboard settings (GET/PUT /api/me/settings). */
export interface UserSettings {
  revealGraphicMedia: boolean;
}

let cached: Promise<UserSettings> | undefined;

/** Asked once a page load and shared by every card and tile; "off" when it cannot be read. */
export function loadUserSettings(): Promise<UserSettings> {
  cached ??= api<UserSettings>('/api/me/settings').catch(() => ({ revealGraphicMedia: false }));
  return cached;
}

/** After the user changed a setting: what the server answered is what every later tile reads. */
export function rememberUserSettings(s: UserSettings): void {
  cached = Promise.resolve(s);
}
