// A local Jetstream for bench/live-collection.ts, in a process of its own so it sends on schedule however
// busy the collector is: `node --import tsx bench/jetstream-replay.ts <rate> <seconds> <dids>`. Prints
// `port <n>` when listening and `sent <n>` when done. Each post's text carries `vigilbench` (what the
// bench's search looks for) and `s<send time in ms>`, so the reader can time it without a side channel.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

const [rate, seconds, dids] = process.argv.slice(2).map(Number);
const TEXTS = [
  'قصف عنيف على حي الشعار الآن، نحتاج سيارات إسعاف',
  'Shelling on al-Shaar again, 3 civilians injured near the market',
  'نحن بخير حتى الآن، الأطفال في الملجأ',
  'Evacuation buses have not arrived at Ramouseh yet',
  'استشهاد ٥ مدنيين بينهم طفلان تحت الأنقاض',
];
const benchDid = (i: number) => `did:plc:bench${String(i).padStart(19, '0')}`;

const http = createServer();
const wss = new WebSocketServer({ server: http, path: '/subscribe' });
http.listen(0, '127.0.0.1', () => process.stdout.write(`port ${(http.address() as AddressInfo).port}\n`));
const total = rate * seconds;
wss.on('connection', (ws) => {
  let sent = 0;
  const start = performance.now();
  const tick = setInterval(() => {
    const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate));
    while (sent < due) {
      const now = Date.now();
      ws.send(
        JSON.stringify({
          did: benchDid(sent % dids),
          time_us: now * 1000 + (sent % 1000),
          kind: 'commit',
          commit: {
            rev: 'x',
            operation: 'create',
            collection: 'app.bsky.feed.post',
            rkey: `3lbench${String(sent).padStart(10, '0')}`,
            record: {
              $type: 'app.bsky.feed.post',
              text: `${TEXTS[sent % TEXTS.length]} vigilbench n${sent} s${now}`,
              createdAt: new Date(now).toISOString(),
              langs: ['ar'],
            },
            cid: 'bafy',
          },
        }),
      );
      sent++;
    }
    if (sent >= total) {
      clearInterval(tick);
      process.stdout.write(`sent ${sent}\n`);
    }
  }, 5);
});
process.on('SIGTERM', () => process.exit(0));
