/**
 * The digest in Chromium: the standalone HTML (what the PDF is printed from) in English and Arabic at
 * desktop and phone width, the PDF's text through pdftotext, and the dashboard's Digest page.
 * Screenshots go to test-results/digest/.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { buildDigest } from '../../src/report/build-digest.ts';
import type { Digest } from '../../src/report/digest-model.ts';
import { renderDigest } from '../../src/report/render.ts';
import { renderHtml } from '../../src/report/render-html.ts';
import { digestOptions } from '../../src/report/window.ts';
import { DESKTOP, type DemoServer, demoServer, launch, signIn } from './demo-server.ts';

const SHOTS = 'test-results/digest';
const PHONE = { width: 390, height: 844 };

describe('digest in Chromium', () => {
  let server: DemoServer;
  let browser: Browser;
  const digests: Record<'en' | 'ar', Digest> = {} as Record<'en' | 'ar', Digest>;
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await demoServer();
    browser = await launch();
    for (const lang of ['en', 'ar'] as const)
      digests[lang] = await buildDigest(
        server.store,
        digestOptions({ since: '2016-12-12', until: '2016-12-14', lang }),
      );
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const lang of ['en', 'ar'] as const)
    for (const [size, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const)
      it(`renders the ${lang} HTML at ${size} width without sideways scrolling`, async () => {
        const page = await browser.newPage({ viewport });
        await page.setContent(renderHtml(digests[lang]));
        assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr');
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 1, `${overflow}px wider than the screen`);
        assert.ok(await page.isVisible('#farewell-then-active + ul [data-kind="farewell_then_active"]'));
        await page.screenshot({ path: join(SHOTS, `digest-${lang}-${size}.png`) });
        for (const section of ['casualties', 'places'])
          await page
            .locator(`#${section}`)
            .screenshot({ path: join(SHOTS, `digest-${lang}-${size}-${section}.png`) })
            .catch(() => undefined);
        await page.close();
      });

  it('prints a PDF with real text (pdftotext)', async () => {
    const pdf = await renderDigest(digests.en, 'pdf');
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const file = join(tmpdir(), `vigil-digest-${process.pid}.pdf`);
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    assert.match(text, /Vigil digest/);
    assert.match(text, /Farewell, then active/);
    assert.match(text, /Ahmad Qassem/);
    assert.match(text, /Sources disagree/);
    const ar = await renderDigest(digests.ar, 'pdf');
    writeFileSync(file, ar);
    const arText = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    assert.match(arText, /قائمة المتابعة/);
  });

  for (const lang of ['en', 'ar'] as const)
    for (const [size, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const)
      it(`draws the dashboard's Digest page in ${lang} at ${size} width`, async () => {
        const { ctx, page, problems } = await signIn(browser, server.url, 'analyst', viewport, lang);
        await page.goto(`${server.url}/#/digest`);
        await page.fill('input[name=since]', '2016-12-12');
        await page.fill('input[name=until]', '2016-12-14');
        await page.selectOption('select[name=lang]', lang);
        await page.click('.digest-form button[type=submit]');
        await page.waitForSelector('article.digest');
        assert.equal(await page.getAttribute('article.digest', 'dir'), lang === 'ar' ? 'rtl' : 'ltr');
        assert.ok(await page.isVisible('[data-kind="farewell_then_active"]'));
        assert.ok(await page.isVisible('[data-digest-seq]'));
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 1, `${overflow}px wider than the screen`);
        await page.screenshot({ path: join(SHOTS, `page-${lang}-${size}.png`) });
        assert.deepEqual(problems, []);
        await ctx.close();
      });
});
