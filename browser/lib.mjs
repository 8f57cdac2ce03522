// Shared helpers for quorum's browser tests and screenshots.
//
//   const site = await buildSite();            // the example site (repo root), built into a temp dir
//   const server = await serveDir(site);        // http://127.0.0.1:<port>/minnen/ serving it under
//                                               // the path of the site's base_url (the 404 page
//                                               // links from there)
//   const browser = await launchBrowser();      // Debian's /usr/bin/chromium, headless
//   const page = await browser.newPage();
//   const errors = pageErrors(page);            // console errors and uncaught exceptions
//   await page.goto(server.url + 'decisions/');
//   ...
//   await browser.close(); await server.close(); site.cleanup();
//
// Environment:
//   QUORUM_BIN  the quorum binary to build with (default: target/release/quorum or
//               target/debug/quorum, whichever is newer; built with cargo when neither exists)
//   CHROMIUM    the browser (default: /usr/bin/chromium)

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const BROWSER_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(BROWSER_DIR, '..');
export const THEME_DIR = path.join(REPO, 'themes', 'default');
export const FIXTURES = path.join(BROWSER_DIR, 'fixtures');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** One page of every page type of the example site (paths from the site root). `optional`:
 *  page types that a build may not have (the search page). */
export const PAGE_TYPES = [
  { name: 'home', path: '' },
  { name: 'meetings', path: 'meetings/' },
  { name: 'meetings-year', path: 'meetings/2020/' },
  { name: 'meeting', path: 'meetings/2022-01-28-socialchefsnatverk-fyrbodal/' },
  { name: 'meeting-linked', path: 'meetings/2020-10-27-socialchefsnatverket/' },
  { name: 'organisations', path: 'organisations/' },
  { name: 'organisation', path: 'organisations/skr/' },
  { name: 'bodies', path: 'bodies/' },
  { name: 'body', path: 'bodies/socialchefsnatverket/' },
  { name: 'people', path: 'people/' },
  { name: 'person', path: 'people/lisbeth-olsson/' },
  { name: 'decisions', path: 'decisions/' },
  { name: 'decisions-year', path: 'decisions/2022/' },
  { name: 'actions', path: 'actions/' },
  { name: 'tags', path: 'tags/' },
  { name: 'tag', path: 'tags/covid-19/' },
  { name: 'search', path: 'search/', optional: true },
  { name: '404', path: '404.html' },
];

/** The page types present in a built site (optional ones only when the site has them). */
export function pageTypesIn(dir) {
  return PAGE_TYPES.filter((p) => !p.optional || fs.existsSync(htmlFile(dir, p.path)));
}

/** The HTML file of a page path inside a built site. */
export function htmlFile(dir, pagePath) {
  return path.join(dir, pagePath === '' || pagePath.endsWith('/') ? pagePath + 'index.html' : pagePath);
}

function targetDir() {
  return process.env.CARGO_TARGET_DIR ? path.resolve(REPO, process.env.CARGO_TARGET_DIR) : path.join(REPO, 'target');
}

/** The quorum binary: $QUORUM_BIN, else the newest of target/{release,debug}/quorum, else a fresh release build. */
export function quorumBin() {
  if (process.env.QUORUM_BIN) return path.resolve(process.env.QUORUM_BIN);
  const candidates = ['release', 'debug']
    .map((profile) => path.join(targetDir(), profile, 'quorum'))
    .filter((p) => fs.existsSync(p))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  if (candidates.length > 0) return candidates[0];
  const built = spawnSync('cargo', ['build', '--release', '--quiet'], { cwd: REPO, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('cargo build --release failed');
  return path.join(targetDir(), 'release', 'quorum');
}

/**
 * Builds a site into a new temp dir with the quorum binary.
 *   root:    the site to build (default: the example site at the repo root). A fixture
 *            without a themes/ folder gets the working tree's themes/default linked in, so
 *            the tests always see the theme as it is on disk, not the one in the binary.
 *   links:   relative (default) | absolute | file
 *   args:    more arguments for `quorum build`
 * Returns { dir, root, output, cleanup }: dir is the built site.
 */
export function buildSite({ root = REPO, links = 'relative', args = [] } = {}) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-browser-'));
  let siteRoot = path.resolve(root);
  if (siteRoot !== REPO && !fs.existsSync(path.join(siteRoot, 'themes'))) {
    // Copy the fixture so that the link to the theme is made in the temp dir, not the repo.
    const copy = path.join(tmp, 'site');
    fs.cpSync(siteRoot, copy, { recursive: true });
    fs.mkdirSync(path.join(copy, 'themes'));
    fs.symlinkSync(THEME_DIR, path.join(copy, 'themes', 'default'), 'dir');
    siteRoot = copy;
  }
  const dir = path.join(tmp, 'public');
  const bin = quorumBin();
  const run = spawnSync(bin, ['build', '--root', siteRoot, '--output', dir, '--links', links, ...args], {
    cwd: REPO,
    encoding: 'utf8',
  });
  if (run.status !== 0) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw new Error(`${bin} build failed (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
  return {
    dir,
    root: siteRoot,
    basePath: basePath(siteRoot, args),
    output: run.stdout.trim(),
    fileUrl: pathToFileURL(dir).href + '/',
    cleanup() {
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** The path of the site's base_url ("/minnen/"), from --base-url in args or site.toml; "/" if none. */
function basePath(root, args) {
  let url = null;
  const i = args.indexOf('--base-url');
  if (i >= 0) url = args[i + 1];
  else {
    const config = path.join(root, 'site.toml');
    if (fs.existsSync(config)) {
      const m = fs.readFileSync(config, 'utf8').match(/^\s*base_url\s*=\s*"([^"]*)"/m);
      if (m) url = m[1];
    }
  }
  if (!url) return '/';
  let p;
  try {
    p = new URL(url, 'http://localhost/').pathname;
  } catch {
    return '/';
  }
  return p.endsWith('/') ? p : p + '/';
}

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.woff2': 'font/woff2',
};

export function contentType(file) {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

/**
 * Serves a folder over HTTP on 127.0.0.1 (a free port). `/dir/` serves dir/index.html, `/dir`
 * redirects to `/dir/`, anything missing gets the site's 404.html with status 404.
 *   target: a folder, or a site from buildSite() (then served under its basePath)
 *   base:   the URL path to serve the folder under (default: the site's basePath, or "/")
 * Returns { url, origin, base, port, close() }; url (origin + base) ends in '/'.
 */
export async function serveDir(target, { base } = {}) {
  const root = path.resolve(typeof target === 'string' ? target : target.dir);
  const mount = base || (typeof target === 'string' ? '/' : target.basePath) || '/';
  const server = http.createServer((req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    if (pathname + '/' === mount) {
      res.writeHead(301, { Location: mount }).end();
      return;
    }
    if (!pathname.startsWith(mount)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found (the site is at ' + mount + ')');
      return;
    }
    pathname = '/' + pathname.slice(mount.length);
    const file = path.join(root, pathname);
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    let target = file;
    let stat = fs.statSync(target, { throwIfNoEntry: false });
    if (stat && stat.isDirectory()) {
      if (!pathname.endsWith('/')) {
        res.writeHead(301, { Location: mount + pathname.slice(1) + '/' }).end();
        return;
      }
      target = path.join(target, 'index.html');
      stat = fs.statSync(target, { throwIfNoEntry: false });
    }
    let status = 200;
    if (!stat || !stat.isFile()) {
      status = 404;
      target = path.join(root, '404.html');
      if (!fs.existsSync(target)) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
        return;
      }
    }
    res.writeHead(status, { 'Content-Type': contentType(target), 'Cache-Control': 'no-store' });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    fs.createReadStream(target).pipe(res);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${mount}`,
    origin: `http://127.0.0.1:${port}`,
    base: mount,
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** Launch arguments for Chromium on a machine with no network but the package registries. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches headless Chromium (Debian's) through playwright-core. */
export async function launchBrowser(options = {}) {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. Install Debian's package: apt-get install -y chromium ` +
        '(or set CHROMIUM to the browser binary).',
    );
  }
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
    ...options,
  });
}

/**
 * Collects what a page reports as wrong: console errors, uncaught exceptions and failed
 * requests. Returns the (live) array of messages; attach before page.goto().
 */
export function pageErrors(page) {
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      errors.push(`console.error: ${msg.text()}${loc && loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => {
    const reason = req.failure()?.errorText || '';
    // ERR_ABORTED: the page was left (or the resource no longer needed) before it loaded.
    if (reason.includes('ERR_ABORTED')) return;
    errors.push(`request failed: ${req.url()} (${reason})`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) errors.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return errors;
}

export const AXE_PATH = path.join(BROWSER_DIR, 'node_modules', 'axe-core', 'axe.min.js');

/**
 * Runs axe-core on the loaded page (WCAG 2.0/2.1 A and AA plus best practices) and
 * returns its violations.
 */
export async function axeViolations(page, { tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } = {}) {
  const loaded = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!loaded) await page.addScriptTag({ path: AXE_PATH });
  const results = await page.evaluate(
    (runOnly) => window.axe.run(document, { runOnly: { type: 'tag', values: runOnly }, resultTypes: ['violations'] }),
    tags,
  );
  return results.violations;
}

/** A readable summary of axe violations, one line per rule and node. */
export function formatViolations(violations) {
  return violations
    .map(
      (v) =>
        `[${v.impact}] ${v.id}: ${v.help}\n` +
        v.nodes
          .slice(0, 5)
          .map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.split('\n').join(' ')}`)
          .join('\n'),
    )
    .join('\n');
}
