/**
 * A link taken from a message (its url on the platform) becomes an href only when it is http(s):
 * javascript:, data:, vbscript: and anything else a sender could write stay text.
 */
export function safeHttpUrl(raw: string | undefined | null): string | undefined {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
}
