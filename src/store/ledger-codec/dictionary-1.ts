/**
 * Preset dictionary 1 for the stored ledger payloads (raw deflate, RFC 1951 with a preset dictionary as
 * zlib's deflateSetDictionary takes it). Written by hand from the payload shapes, not trained on any corpus:
 * the canonical JSON (RFC 8785: keys sorted) of each event kind's payload with empty values, the platforms,
 * the importers and their sources. Deflate reaches back at most 32 KiB and a nearer match is cheaper, so the
 * commonest shape (message.captured) comes last. NEVER EDIT: stored rows name their dictionary by number and
 * are read with exactly these bytes (its SHA-256 is checked when the codec loads, and the same bytes are in
 * every store's ledger_dictionaries table). A better dictionary is a new file with the next number.
 */
export const DICTIONARY_1 = [
  '{"alert":{"at":"","evidence":{},"id":"","kind":"silence","personId":"","status":"open"}}',
  '{"alertId":"","by":"","comment":""}',
  '{"note":{"at":"","author":"","id":"","personId":"","status":"believed_alive","text":""}}',
  '{"person":{"accounts":[{"handle":"","platform":""}],"id":"","name":""}}',
  '{"bytes":,"mime":"text/html","name":"","sha256":"","source":"capture"}',
  '{"messageId":"","requests":[{"url":"https://"}]}',
  '{"message":"","sha256":"","trigger":"manual","held":true}',
  '{"category":"","messageId":"","previous":""}',
  '{"messageId":"","reason":""}',
  '{"messageIds":[""],"note":""}',
  '{"key":"","value":""}',
  '{"id":"","label":"","username":""}',
  '{"username":"","via":"password"}',
  '{"analysis":{"category":{"label":"","model":"","score":0.},"extraction":{"casualties":[],"dates":[],"places":[]},"lang":{"code":"ar","score":1}},"messageId":""}',
  '"kind":"photo","mime":"image/jpeg","originalName":"","url":"https://',
  '"geo":{"lat":,"lon":,"name":"","url":"https://maps.google.com/?q="}',
  '"replyTo":{"authorId":"","nativeId":"","url":"https://"}',
  '"deleted":true,',
  '"importer":{"name":"live-rss","version":"1.0.0"},"locator":"","source":"rss"}',
  '"importer":{"name":"live-telegram-preview","version":"1.0.0"},"locator":"","source":"telegram-preview"}',
  '"importer":{"name":"live-bluesky-appview","version":"1.0.0"},"locator":"at://did:plc:","source":"bluesky-appview"}',
  '"importer":{"name":"live-mastodon","version":"1.0.0"},"locator":"","source":"mastodon"}',
  '"importer":{"name":"bluesky-car","version":"1.0.0"},"locator":"at://did:plc:","source":"bluesky-car"}',
  '"importer":{"name":"mastodon-outbox","version":"1.0.0"},"locator":"outbox.json#","source":"mastodon-outbox"}',
  '"importer":{"name":"signal","version":"1.0.0"},"locator":"","source":"signal"}',
  '"importer":{"name":"whatsapp","version":"1.0.0"},"locator":"_chat.txt#line=","source":"whatsapp"}',
  '"importer":{"name":"telegram-export","version":"1.0.0"},"locator":"result.json#","source":"telegram-export"}',
  '"importer":{"name":"twitter-archive","version":"1.0.0"},"locator":"data/tweets.js#","source":"twitter-archive"}',
  '"importer":{"name":"csv","version":"1.0.0"},"locator":"#row=","source":"csv"}',
  '"platform":"bluesky","platform":"mastodon","platform":"rss","platform":"signal","platform":"whatsapp",',
  '"platform":"telegram","platform":"twitter","url":"https://t.me/","url":"https://twitter.com/',
  '"lang":"en","media":[],"lang":"ar","media":[],',
  '{"contentHash":"","id":"","message":{"author":{"displayName":"","handle":"","id":""},"capturedAt":"2026-',
  'T00:00:00.000Z","lang":"ar","media":[],"nativeId":"","platform":"twitter","postedAt":"2016-12-',
  'T00:00:00+02:00","provenance":{"blob":"","importer":{"name":"jsonl","version":"1.0.0"},"locator":"#line=","source":"jsonl"},"text":""}}',
].join('');
