// Search in the browser: the example site built with relative links and served over HTTP,
// and built with `links = "file"` and opened from disk (file://, where fetch() would fail).
// Types into the search page and the header box, checks results, links, anchors, filters
// and that search.js folds words as src/search.rs does.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { REPO, buildSite, launchBrowser, pageErrors, serveDir } from './lib.mjs';

const FOLD_CASES = JSON.parse(fs.readFileSync(path.join(REPO, 'tests', 'search_fold_cases.json'), 'utf8'));

// Agenda items of the example archive about visiting bans ("besöksförbud").
const VISITING_BAN_ITEMS = [
  'meetings/2020-09-15-socialchefsnatverket/#item-8', // Information om vad IVO ser avseende besöksförbud …
  'meetings/2020-09-15-socialchefsnatverket/#item-9', // Besöksförbud
  'meetings/2020-09-15-socialchefsnatverket/#item-10', // Vilka rekommendationer föreslår FHM rörande ett eventuellt besöksförbud
  'meetings/2021-02-16-socialchefsnatverket/#item-3', // … Förlängning av besöksförbudet …
];
// The four decisions of item 8 of the Fyrbodal meeting (MiniMaria).
const MINIMARIA_DECISIONS = [1, 2, 3, 4].map(
  (n) => `meetings/2022-01-28-socialchefsnatverk-fyrbodal/#decision-8-${n}`,
);

/** A result href as a site path: "../meetings/x/index.html#item-8" → "meetings/x/#item-8". */
function sitePath(href) {
  return href.replace(/^(\.\.\/)+|^\.\//, '').replace('index.html', '');
}

function realErrors(errors) {
  return errors.filter((e) => !e.includes('favicon.ico'));
}

async function results(page) {
  return page.$$eval('#search-results > li', (items) =>
    items.map((li) => ({
      href: li.querySelector('h2 a').getAttribute('href'),
      kind: li.className,
      title: li.querySelector('h2').textContent,
      marks: Array.from(li.querySelectorAll('mark')).map((m) => m.textContent),
      meta: li.querySelector('.search-result-meta').textContent,
    })),
  );
}

/** What the results on show are for: query and filters (search.js sets it when done). */
async function settled(page) {
  await page.waitForFunction(
    () => {
      const form = document.querySelector('form[data-search-form]');
      const f = {
        body: document.getElementById('search-body').value,
        org: document.getElementById('search-org').value,
        year: document.getElementById('search-year').value,
        decisions: document.getElementById('search-decisions').checked,
      };
      const want = document.getElementById('search-q').value.trim() + '|' + JSON.stringify(f);
      return !form.hasAttribute('aria-busy') && form.getAttribute('data-results-for') === want;
    },
    null,
    { timeout: 10_000 },
  );
  return results(page);
}

/** Types a query into the search page's box and waits for its results. */
async function searchFor(page, query) {
  await page.fill('#search-q', '');
  await page.type('#search-q', query, { delay: 15 });
  return settled(page);
}

for (const mode of ['http', 'file']) {
  describe(`search over ${mode === 'http' ? 'HTTP (relative links)' : 'file:// (links = "file")'}`, () => {
    let site;
    let server;
    let browser;
    let base;
    let searchUrl;
    const index = mode === 'file' ? 'index.html' : '';

    before(async () => {
      site = buildSite({ links: mode === 'file' ? 'file' : 'relative' });
      browser = await launchBrowser();
      if (mode === 'http') {
        server = await serveDir(site.dir);
        base = server.url;
      } else {
        base = site.fileUrl;
      }
      searchUrl = base + 'search/' + index;
    });

    after(async () => {
      await browser?.close();
      await server?.close();
      site?.cleanup();
    });

    test('typing "besöksförbud" finds the items about visiting bans, with working links', async () => {
      const page = await browser.newPage();
      const errors = pageErrors(page);
      await page.goto(searchUrl);
      const found = await searchFor(page, 'besöksförbud');
      const paths = found.map((r) => sitePath(r.href));
      for (const item of VISITING_BAN_ITEMS) assert.ok(paths.includes(item), `${item} in ${paths.join(', ')}`);
      // An agenda item about it ranks first (not a meeting that lists it); every item
      // highlights the word.
      assert.ok(found[0].kind.includes('search-result-item') && /besöksförbud/i.test(found[0].title), found[0].href);
      for (const r of found.filter((r) => r.kind.includes('item'))) {
        assert.ok(r.marks.some((m) => /^besöksförbud/i.test(m)), `${r.href}: ${r.marks}`);
      }
      assert.match(found[0].meta, /15 september 2020/);
      assert.match(found[0].meta, /Socialchefsnätverket/);
      if (mode === 'file') assert.ok(found.every((r) => r.href.includes('/index.html')), 'file links end in index.html');
      const status = await page.textContent('#search-status');
      assert.match(status, new RegExp(`^${found.length} träffar`));

      // Follow a result to its anchor.
      await Promise.all([page.waitForURL(/#item-8$/), page.click(`#search-results a[href$="#item-8"]`)]);
      const anchor = await page.evaluate(() => {
        const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
        return target && target.textContent;
      });
      assert.ok(anchor && anchor.includes('besöksförbud'), `anchor #item-8: ${anchor}`);
      assert.deepEqual(realErrors(errors), []);
      await page.close();
    });

    test('an action is found by its owner and state and shows them in its result', async () => {
      const page = await browser.newPage();
      const errors = pageErrors(page);
      await page.goto(searchUrl);
      const found = await searchFor(page, 'Karin öppen');
      const actions = found.filter((r) => r.kind.includes('search-result-action'));
      assert.equal(actions.length, 1, found.map((r) => r.kind + ' ' + r.href).join(', '));
      assert.equal(sitePath(actions[0].href), 'meetings/2022-01-28-socialchefsnatverk-fyrbodal/#decision-4-1');
      assert.match(actions[0].meta, /^Åtgärd/);
      assert.match(actions[0].meta, /Öppen/);
      assert.match(actions[0].meta, /Ansvarig: Karin Engström/);
      assert.deepEqual(realErrors(errors), []);
      await page.close();
    });

    test('folding: without diacritics, in capitals, and while typing', async () => {
      const page = await browser.newPage();
      await page.goto(searchUrl);
      const full = (await searchFor(page, 'besöksförbud')).map((r) => r.href);
      assert.deepEqual((await searchFor(page, 'besoksforbud')).map((r) => r.href), full);
      assert.deepEqual((await searchFor(page, 'BESÖKSFÖRBUD')).map((r) => r.href), full);
      // While typing the same documents are found (ranked by the words begun, so maybe
      // in another order).
      assert.deepEqual((await searchFor(page, 'besöksf')).map((r) => r.href).sort(), [...full].sort());
      const folded = await page.evaluate(
        (cases) => cases.map(([input]) => window.quorumSearch.fold(input)),
        FOLD_CASES,
      );
      assert.deepEqual(folded, FOLD_CASES.map(([, expected]) => expected), 'search.js folds as src/search.rs');
      await page.close();
    });

    test('filters narrow the results: year, decisions only, organisation', async () => {
      const page = await browser.newPage();
      const errors = pageErrors(page);
      await page.goto(searchUrl);
      const all = await searchFor(page, 'besöksförbud');
      await page.selectOption('#search-year', '2021');
      const in2021 = await settled(page);
      assert.ok(in2021.length > 0 && in2021.length < all.length);
      assert.ok(in2021.every((r) => r.href.includes('2021-02-16')), in2021.map((r) => r.href).join(', '));
      await page.selectOption('#search-year', '');
      await settled(page);

      const minimaria = await searchFor(page, 'minimaria');
      assert.ok(minimaria.some((r) => r.kind.includes('item')));
      await page.check('#search-decisions');
      const decisions = await settled(page);
      assert.ok(decisions.every((r) => r.kind.includes('search-result-decision')));
      const paths = decisions.map((r) => sitePath(r.href));
      for (const d of MINIMARIA_DECISIONS) assert.ok(paths.includes(d), `${d} in ${paths.join(', ')}`);
      assert.ok(decisions.length < minimaria.length);
      assert.match(decisions[0].meta, /^Beslut/);
      await page.uncheck('#search-decisions');
      await settled(page);

      // Organisation: Folkhälsomyndigheten presented the 2021 item and one of 2020.
      const fohm = await page.$eval('#search-org', (select) =>
        Array.from(select.options).find((o) => o.textContent.startsWith('Folkhälsomyndigheten')).value,
      );
      await searchFor(page, 'besöksförbud');
      await page.selectOption('#search-org', fohm);
      const byFohm = (await settled(page)).map((r) => sitePath(r.href));
      assert.ok(byFohm.length < all.length);
      assert.ok(byFohm.includes('meetings/2021-02-16-socialchefsnatverket/#item-3'), byFohm.join(', '));
      assert.ok(!byFohm.includes('meetings/2020-09-15-socialchefsnatverket/#item-9'), byFohm.join(', '));
      assert.deepEqual(realErrors(errors), []);
      await page.close();
    });

    test('the query and filters in the URL run on load', async () => {
      const page = await browser.newPage();
      await page.goto(searchUrl + '?q=besoksforbud&year=2021');
      const found = await settled(page);
      assert.equal(await page.inputValue('#search-q'), 'besoksforbud');
      assert.equal(await page.inputValue('#search-year'), '2021');
      assert.ok(found.length > 0 && found.every((r) => r.href.includes('2021-02-16')));
      await page.close();
    });

    test('the header box on any page shows live results and submits to the search page', async () => {
      const page = await browser.newPage();
      const errors = pageErrors(page);
      await page.goto(base + 'meetings/2020/' + index);
      await page.type('#site-search-q', 'besöksförbud', { delay: 15 });
      await page.waitForSelector('.site-search-panel:not([hidden]) li');
      const links = await page.$$eval('.site-search-panel li a', (as) => as.map((a) => a.getAttribute('href')));
      assert.ok(links.length > 0 && links.length <= 5);
      assert.ok(links.every((h) => h.startsWith('../../meetings/')), links.join(', '));
      // Submitting (Enter) goes to the search page with the query, which runs it.
      await Promise.all([page.waitForURL(/search\/(index\.html)?\?q=/), page.press('#site-search-q', 'Enter')]);
      await page.waitForSelector('#search-results > li');
      assert.equal(await page.inputValue('#search-q'), 'besöksförbud');
      assert.deepEqual(realErrors(errors), []);
      await page.close();
    });
  });
}
