// The example site in Chromium through nginx, configured with docs/servers/nginx.conf as a
// user pastes it (only the folder changed) and served under /minnen/: the home page loads
// cleanly, a link leads to a meeting, and the search page finds "besöksförbud" and opens the
// item it found. tests/web_servers.rs checks the same configuration (and Apache's) over HTTP.
//
// nginx runs as a standalone process (own configuration and temp folders, 127.0.0.1, a free
// port) and is stopped after the tests. Without nginx the tests are skipped with a notice,
// unless CI is set: then this file fails and says how to install it.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { REPO, buildSite, launchBrowser, pageErrors } from './lib.mjs';

const DOCUMENTED_FOLDER = '/srv/quorum/public';
const INSTALL = "install Debian's package (as root): apt-get install -y nginx apache2";

function findNginx() {
  const dirs = (process.env.PATH || '').split(path.delimiter).concat(['/usr/sbin', '/usr/local/sbin', '/sbin']);
  return dirs.map((d) => path.join(d, 'nginx')).find((p) => fs.existsSync(p)) || null;
}

const NGINX = findNginx();
if (!NGINX) {
  if (process.env.CI) throw new Error(`nginx is not installed and CI is set, so the nginx browser tests cannot be skipped: ${INSTALL}`);
  console.log(`NOTICE: nginx is not installed, browser/servers.test.mjs skipped; to run it, ${INSTALL}`);
}

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function listening(port, child, log) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}):\n${log()}`);
    const ok = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nginx does not listen on ${port}:\n${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Starts nginx serving `site` (built for `origin` + /minnen/) with docs/servers/nginx.conf. */
async function startNginx(site, port) {
  const tmp = path.dirname(site.dir);
  // As root, nginx's worker runs as nobody and must be able to read the site.
  fs.chmodSync(tmp, 0o755);
  fs.mkdirSync(path.join(tmp, 'empty'));
  const snippet = fs.readFileSync(path.join(REPO, 'docs', 'servers', 'nginx.conf'), 'utf8');
  assert.ok(snippet.includes(DOCUMENTED_FOLDER), `docs/servers/nginx.conf serves ${DOCUMENTED_FOLDER}`);
  const root = process.getuid?.() === 0;
  const config = `${root ? 'user nobody nogroup;' : ''}
worker_processes 1;
events { worker_connections 256; }
http {
include /etc/nginx/mime.types;
default_type application/octet-stream;
access_log off;
client_body_temp_path ${tmp}/client_body;
proxy_temp_path ${tmp}/proxy;
fastcgi_temp_path ${tmp}/fastcgi;
uwsgi_temp_path ${tmp}/uwsgi;
scgi_temp_path ${tmp}/scgi;
server {
listen 127.0.0.1:${port};
server_name 127.0.0.1;
root ${tmp}/empty;
${snippet.replaceAll(DOCUMENTED_FOLDER, site.dir)}
}
}
`;
  fs.writeFileSync(path.join(tmp, 'nginx.conf'), config);
  let output = '';
  const child = spawn(
    NGINX,
    ['-p', tmp, '-e', 'stderr', '-c', path.join(tmp, 'nginx.conf'), '-g', `daemon off; pid ${tmp}/nginx.pid;`],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await listening(port, child, () => output);
  return {
    url: `http://127.0.0.1:${port}/minnen/`,
    log: () => output,
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // Its own process group: the master and its worker.
      process.kill(-child.pid, 'SIGTERM');
      const timer = setTimeout(() => process.kill(-child.pid, 'SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

describe('the example site through nginx under /minnen/', { skip: NGINX ? false : 'nginx is not installed' }, () => {
  let site, nginx, browser;

  before(async () => {
    const port = await freePort();
    site = buildSite({ args: ['--base-url', `http://127.0.0.1:${port}/minnen/`] });
    nginx = await startNginx(site, port);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await nginx?.close();
    site?.cleanup();
  });

  test('the home page loads cleanly and a link leads to a meeting', async () => {
    const page = await browser.newPage();
    const errors = pageErrors(page);
    const home = await page.goto(nginx.url);
    assert.equal(home.status(), 200);
    // The stylesheet applied: the page is laid out by the theme, not the browser's defaults.
    const margin = await page.evaluate(() => getComputedStyle(document.body).margin);
    assert.notEqual(margin, '8px', 'style.css did not apply');
    const link = page.locator('main a[href^="meetings/20"]').first();
    const title = (await link.textContent()).trim();
    await Promise.all([page.waitForURL(/\/minnen\/meetings\/20[^/]+\/$/), link.click()]);
    assert.equal(await page.locator('h1').count(), 1);
    assert.ok(title.length > 0);
    // A missing page: the 404 page, styled, its links leading back into the site.
    const missing = await page.goto(nginx.url + 'meetings/2099/nothing/');
    assert.equal(missing.status(), 404);
    assert.notEqual(await page.evaluate(() => getComputedStyle(document.body).margin), '8px', '404 page unstyled');
    await Promise.all([page.waitForURL(nginx.url + 'meetings/'), page.click('.not-found a[href$="meetings/"]')]);
    assert.deepEqual(
      errors.filter((e) => !e.includes('/meetings/2099/nothing/')),
      [],
      nginx.log(),
    );
    await page.close();
  });

  test('search finds "besöksförbud" and its first result opens the item', async () => {
    const page = await browser.newPage();
    const errors = pageErrors(page);
    await page.goto(nginx.url + 'search/');
    await page.type('#search-q', 'besöksförbud', { delay: 15 });
    const first = page.locator('#search-results > li h2 a').first();
    await first.waitFor({ timeout: 10_000 });
    const href = await first.getAttribute('href');
    assert.match(href, /meetings\/20[^/]+\/#item-\d+$/);
    await Promise.all([page.waitForURL(/\/minnen\/meetings\/20[^/]+\/#item-\d+$/), first.click()]);
    const anchor = await page.evaluate(() => document.getElementById(location.hash.slice(1))?.textContent || '');
    assert.match(anchor, /besöksförbud/i);
    assert.deepEqual(errors, [], nginx.log());
    await page.close();
  });
});
