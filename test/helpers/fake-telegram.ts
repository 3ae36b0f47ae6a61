import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LocalServer, localServer } from './local-server.ts';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'live', 'telegram');
const PAGE = readFileSync(join(FIX, 'page.html'), 'utf8');
const POST = readFileSync(join(FIX, 'post.html'), 'utf8');
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** t.me on 127.0.0.1: /s/<channel> gives the newest 20 posts (oldest first), ?before=<id> older ones. */
export class FakeTelegram {
  server!: LocalServer;
  channel = 'aleppo_mc';
  /** The channel's numeric id, as each post's data-view carries it ({"c": -id, "p": post, …}). */
  channelId = 1009988776;
  readonly posts = new Map<number, { text: string; at: string; photo?: string; edited?: boolean }>();
  readonly faults: ('malformed' | 500)[] = [];
  private next = 1;

  async start(): Promise<this> {
    this.server = await localServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const fault = this.faults.shift();
      if (fault === 500) {
        res.writeHead(500);
        return res.end('oops');
      }
      if (fault === 'malformed') {
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end('<html><body><h1>Something went wrong</h1></body></html>');
      }
      if (url.pathname !== `/s/${this.channel}`) {
        res.writeHead(302, { location: `https://t.me/${url.pathname.split('/')[2] ?? ''}` });
        return res.end();
      }
      const before = Number(url.searchParams.get('before') ?? Number.POSITIVE_INFINITY);
      const ids = [...this.posts.keys()]
        .filter((id) => id < before)
        .sort((a, b) => a - b)
        .slice(-20);
      const posts = ids.map((id) => {
        const p = this.posts.get(id) as { text: string; at: string; photo?: string; edited?: boolean };
        return POST.replaceAll('{{channel}}', this.channel)
          .replaceAll('{{id}}', String(id))
          .replace(
            '{{view}}',
            Buffer.from(JSON.stringify({ c: -this.channelId, p: id, t: 1481702400, h: 'b33c3d86d067476320' })).toString(
              'base64url',
            ),
          )
          .replace('{{text}}', esc(p.text).replace(/\n/g, '<br/>'))
          .replace('{{datetime}}', p.at)
          .replace('{{edited}}', p.edited ? '<span class="tgme_widget_message_edited">edited</span> ' : '')
          .replace(
            '{{media}}',
            p.photo
              ? `<a class="tgme_widget_message_photo_wrap" href="https://t.me/${this.channel}/${id}" style="width:800px;background-image:url('${p.photo}')"></a>`
              : '',
          );
      });
      const more =
        ids.length && ids[0] > 1
          ? `<a class="tme_messages_more js-messages_more" data-before="${ids[0]}" href="/s/${this.channel}?before=${ids[0]}"></a>`
          : '';
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        PAGE.replaceAll('{{channel}}', this.channel).replace('{{more}}', more).replace('{{posts}}', posts.join('\n')),
      );
    });
    return this;
  }

  post(text: string, photo?: string): number {
    const id = this.next++;
    this.posts.set(id, {
      text,
      at: new Date(Date.UTC(2016, 11, 13, 12, id)).toISOString().replace('.000Z', '+00:00'),
      photo,
    });
    return id;
  }

  close(): Promise<void> {
    return this.server.close();
  }
}
