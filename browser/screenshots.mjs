// Screenshots of every page type of the example site: desktop (1280px) and phone (375px),
// light and dark. Writes PNGs to target/screenshots/ (not committed).
//
//   npm --prefix browser run screenshots            # every page type
//   npm --prefix browser run screenshots -- meeting decisions   # only these page types
//
// Options (env): SCREENSHOT_DIR (default target/screenshots), FULL_PAGE=0 for the first
// screen only, PRINT=1 to also write PDFs of the meeting page as printed.

import fs from 'node:fs';
import path from 'node:path';
import { REPO, buildSite, launchBrowser, pageErrors, pageTypesIn, serveDir } from './lib.mjs';

const OUT = path.resolve(REPO, process.env.SCREENSHOT_DIR || 'target/screenshots');
const FULL_PAGE = process.env.FULL_PAGE !== '0';
const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900, isMobile: false, deviceScaleFactor: 1 },
  { name: 'phone', width: 375, height: 812, isMobile: true, deviceScaleFactor: 2 },
];
const SCHEMES = ['light', 'dark'];

const only = process.argv.slice(2);
const site = buildSite();
const available = pageTypesIn(site.dir);
const pages = only.length ? available.filter((p) => only.includes(p.name)) : available;
if (pages.length === 0) {
  console.error(`no page type matches ${only.join(', ')}; page types: ${available.map((p) => p.name).join(', ')}`);
  site.cleanup();
  process.exit(2);
}

const started = Date.now();
fs.mkdirSync(OUT, { recursive: true });
const server = await serveDir(site);
const browser = await launchBrowser();
let written = 0;
let problems = 0;
try {
  for (const vp of VIEWPORTS) {
    for (const scheme of SCHEMES) {
      const context = await browser.newContext({
        viewport: { width: vp.width, height: vp.height },
        deviceScaleFactor: vp.deviceScaleFactor,
        isMobile: vp.isMobile,
        hasTouch: vp.isMobile,
        colorScheme: scheme,
        reducedMotion: 'reduce',
      });
      const page = await context.newPage();
      const errors = pageErrors(page);
      for (const p of pages) {
        errors.length = 0;
        await page.goto(server.url + p.path, { waitUntil: 'load' });
        const file = path.join(OUT, `${p.name}-${vp.name}-${scheme}.png`);
        await page.screenshot({ path: file, fullPage: FULL_PAGE });
        written++;
        if (errors.length) {
          problems++;
          console.error(`${p.name} (${vp.name}, ${scheme}):\n  ${errors.join('\n  ')}`);
        }
      }
      if (process.env.PRINT === '1' && vp.name === 'desktop' && scheme === 'light') {
        await page.goto(server.url + 'meetings/2020-09-15-socialchefsnatverket/');
        await page.emulateMedia({ media: 'print' });
        await page.pdf({ path: path.join(OUT, 'meeting-print.pdf'), format: 'A4' });
        await page.screenshot({ path: path.join(OUT, 'meeting-print.png'), fullPage: true });
        await page.emulateMedia({ media: 'screen' });
        written += 2;
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
  site.cleanup();
}
console.log(`${written} screenshots in ${path.relative(process.cwd(), OUT) || '.'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
if (problems) process.exit(1);
