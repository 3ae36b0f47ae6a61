import { CHROMIUM_FLAGS, chromiumPath } from '../core/chromium.ts';
import { VigilError } from '../core/errors.ts';

export class PdfError extends VigilError {}

/**
 * Print the digest's HTML to PDF with headless Chromium (Debian's `chromium`, driven by playwright-core).
 * The page is self-contained and requests are blocked, so printing fetches nothing.
 */
export async function htmlToPdf(html: string, opts: { executablePath?: string } = {}): Promise<Buffer> {
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (e) {
    throw new PdfError(`PDF needs the playwright-core package: ${(e as Error).message}`);
  }
  const executablePath = opts.executablePath ?? chromiumPath();
  let browser: import('playwright-core').Browser;
  try {
    browser = await chromium.launch({ executablePath, args: [...CHROMIUM_FLAGS] });
  } catch (e) {
    throw new PdfError(
      `PDF needs Chromium at ${executablePath} (apt-get install chromium, or set CHROMIUM_PATH): ${(e as Error).message.split('\n')[0]}`,
      executablePath,
    );
  }
  try {
    const page = await browser.newPage();
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: '16mm', bottom: '16mm', left: '14mm', right: '14mm' },
    });
  } finally {
    await browser.close();
  }
}
