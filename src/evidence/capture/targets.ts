import type { CaptureKind } from '../../core/capture-events.ts';
import type { Message } from '../../core/message.ts';

export interface CaptureTarget {
  url: string;
  kind: CaptureKind;
}

// Up to whitespace or a character that cannot end a URL in running text; closing punctuation is trimmed below.
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'«»\u200f\u200e]+/giu;
const TRAILING = /[.,;:!?،؛؟)\]}…]+$/u;

/** http(s) URLs written in a message's text, in order, trailing punctuation removed. */
export function linksIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(URL_IN_TEXT)) {
    let u = m[0].replace(TRAILING, '');
    // keep a closing parenthesis that belongs to the URL (Wikipedia-style)
    if (m[0].length > u.length && m[0][u.length] === ')' && u.includes('(')) u += ')';
    if (isHttpUrl(u)) out.push(u);
  }
  return out;
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
  } catch {
    return false;
  }
}

/**
 * What to capture for a message: each media URL whose bytes Vigil does not already hold, each link in
 * its text (short links are followed through their redirects when fetched), and the post's own page.
 * A URL is listed once, under the first kind it appears as. Deleted posts get nothing.
 */
export function captureTargets(m: Pick<Message, 'text' | 'media' | 'url' | 'deleted'>): CaptureTarget[] {
  if (m.deleted) return [];
  const seen = new Set<string>();
  const out: CaptureTarget[] = [];
  const add = (url: string | undefined, kind: CaptureKind) => {
    if (!url || !isHttpUrl(url) || seen.has(url)) return;
    seen.add(url);
    out.push({ url, kind });
  };
  for (const media of m.media ?? []) if (!media.sha256) add(media.url, 'media');
  for (const link of linksIn(m.text)) add(link, 'link');
  add(m.url, 'page');
  return out;
}
