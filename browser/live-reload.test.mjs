// `quorum serve`'s live reload in a real browser (assets/live-reload.js): after an edit, the
// pages the rebuild rewrote reload by themselves (the edited meeting's first, then its
// year's decisions), a page the edit did not change stays as it is, and a page showing a
// failed build's error reloads once the build is fixed.
//
// Run: node --test browser/live-reload.test.mjs

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { after, before, test } from 'node:test';
import { THEME_DIR, launchBrowser, pageErrors, quorumBin } from './lib.mjs';

function meeting(date, text) {
  return `---\ndate: ${date}\nbody: Nätverket\n---\n## Punkt (Anna Berg, SKR)\n\n${text}\n\nBeslut: Noteras.\n`;
}

let site, server, browser;

/** `quorum serve` on a free port: its address and every line it logs, as they come. */
function startServe(root) {
  const child = spawn(quorumBin(), ['serve', '--port', '0', '--root', root], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const lines = [];
  const waiting = [];
  readline.createInterface({ input: child.stderr }).on('line', (line) => {
    lines.push(line);
    for (const w of waiting.splice(0)) w();
  });
  /** The first line from `from` on that contains `needle`; resolves with its index. */
  const waitLog = (needle, from = 0) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no log line with ${needle}:\n${lines.join('\n')}`)), 30_000);
      const look = () => {
        const i = lines.findIndex((l, n) => n >= from && l.includes(needle));
        if (i >= 0) {
          clearTimeout(timer);
          resolve(i);
        } else waiting.push(look);
      };
      look();
    });
  return { child, lines, waitLog };
}

before(async () => {
  site = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-live-reload-'));
  fs.writeFileSync(path.join(site, 'site.toml'), 'title = "Arkivet"\nbase_url = "https://arkiv.example/"\n');
  fs.mkdirSync(path.join(site, 'content', '2020'), { recursive: true });
  fs.mkdirSync(path.join(site, 'themes'));
  fs.symlinkSync(THEME_DIR, path.join(site, 'themes', 'default'), 'dir');
  fs.writeFileSync(path.join(site, 'content/2020/a.md'), meeting('2020-01-10', 'Första.'));
  fs.writeFileSync(path.join(site, 'content/2020/b.md'), meeting('2020-02-10', 'Andra.'));
  server = startServe(site);
  const at = server.lines[await server.waitLog(' at http://')];
  server.url = 'http://' + at.split(' at http://')[1].split(/\s/)[0].replace(/\/$/, '');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.child.kill();
  if (site) fs.rmSync(site, { recursive: true, force: true });
});

/** A page open at `pagePath`, marked so that a reload shows (the mark goes with it). */
async function openMarked(pagePath) {
  const page = await browser.newPage();
  const errors = pageErrors(page);
  await page.goto(server.url + pagePath);
  await page.evaluate(() => {
    window.quorumMark = true;
  });
  return { page, errors };
}

const marked = (page) => page.evaluate(() => window.quorumMark === true);

test('the pages an edit rewrote reload, the others stay', async () => {
  const meetingPage = await openMarked('/meetings/a/');
  const decisions = await openMarked('/decisions/2020/');
  const other = await openMarked('/meetings/b/');
  const from = server.lines.length;

  fs.writeFileSync(
    path.join(site, 'content/2020/a.md'),
    meeting('2020-01-10', 'Första.\n\nBeslut: Nätverket inrättar en arbetsgrupp.'),
  );
  const shows = (page) =>
    page.waitForFunction(() => document.body.textContent.includes('inrättar en arbetsgrupp'), null, {
      timeout: 30_000,
    });
  await shows(meetingPage.page);
  await shows(decisions.page);
  await server.waitLog('rebuilt in', from);
  assert.equal(await marked(meetingPage.page), false, 'the meeting page reloaded');
  assert.equal(await marked(decisions.page), false, "the year's decisions reloaded");
  assert.equal(await marked(other.page), true, 'a page the edit did not change did not reload');
  for (const { page, errors } of [meetingPage, decisions, other]) {
    assert.deepEqual(errors, [], page.url());
    await page.close();
  }
});

test('a page showing a build error reloads when the build is fixed', async () => {
  const other = await openMarked('/meetings/b/');
  const file = path.join(site, 'content/2020/a.md');
  const good = fs.readFileSync(file, 'utf8');
  let from = server.lines.length;
  fs.writeFileSync(file, '---\ndate: 2020-01-10\ntitle: [trasig\n---\nText.\n');
  await server.waitLog('content/2020/a.md:3', from);
  await other.page.waitForSelector('#quorum-error', { timeout: 30_000 });
  from = server.lines.length;
  fs.writeFileSync(file, good.replace('Första.', 'Första igen.'));
  await server.waitLog('rebuilt in', from);
  await other.page.waitForFunction(() => window.quorumMark !== true && document.readyState === 'complete', null, {
    timeout: 30_000,
  });
  assert.equal(await other.page.$('#quorum-error'), null, 'the error box is gone');
  await other.page.close();
});
