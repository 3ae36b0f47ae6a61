const MAX_DECODES = 4;

/**
 * Whether a path that matched no route is, however it is spelled, under /api: percent-escapes decoded
 * (repeatedly: %2561 is %61 is a), `;` parameters dropped, case folded, slashes collapsed, dot segments
 * resolved. An undecodable path counts as under /api. Used only to choose the dashboard shell or a
 * refusal for an unmatched request; it never grants access to a route.
 */
export function looksLikeApiPath(rawUrl: string): boolean {
  let path = rawUrl.split(/[?#]/, 1)[0];
  for (let i = 0; i < MAX_DECODES && /%[0-9a-f]{2}/i.test(path); i++) {
    try {
      path = decodeURIComponent(path);
    } catch {
      return true;
    }
  }
  // Still escaped after several decodings, or carrying control characters: refuse rather than guess.
  if (/%[0-9a-f]{2}/i.test(path) || hasControlCharacter(path)) return true;
  const segments: string[] = [];
  for (const raw of path.replace(/\\/g, '/').split('/')) {
    const seg = raw.split(';', 1)[0].trim().toLowerCase();
    if (seg === '' || seg === '.') continue;
    if (seg === '..') segments.pop();
    else segments.push(seg);
  }
  return segments[0] === 'api';
}

function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}
