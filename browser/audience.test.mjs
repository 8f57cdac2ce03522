// The public audience in the browser: the fixture tests/fixtures/audience (a protected
// person in every place a name can be, an internal item, paragraph and attachment) built
// for the public and for the intranet, each served over HTTP. Searching the public site for
// the protected name, its alias or the internal text finds nothing; the internal site
// finds them (so the search itself works).

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { REPO, buildSite, launchBrowser, pageErrors, serveDir } from './lib.mjs';

const FIXTURE = path.join(REPO, 'tests', 'fixtures', 'audience');
const PROTECTED = ['Furén-Thulin', 'Furen Thulin', 'Åsa F-T', 'thulin', 'Engström', 'Hemlig Sak', 'Lönelista'];

/** Opens the search page for `query` and returns the results' titles and snippets. */
async function searchFor(page, url, query) {
  await page.goto(url + 'search/?q=' + encodeURIComponent(query));
  await page.waitForFunction(
    (q) => {
      const form = document.querySelector('form[data-search-form]');
      const done = form.getAttribute('data-results-for') || '';
      return !form.hasAttribute('aria-busy') && done.startsWith(q + '|');
    },
    query.trim(),
    { timeout: 10_000 },
  );
  return page.$$eval('#search-results > li', (items) => items.map((li) => li.textContent));
}

describe('search on the public site', () => {
  const sites = {};
  const servers = {};
  let browser;

  before(async () => {
    for (const audience of ['public', 'internal']) {
      sites[audience] = buildSite({ root: FIXTURE, args: ['--audience', audience] });
      servers[audience] = await serveDir(sites[audience]);
    }
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    for (const audience of Object.keys(servers)) await servers[audience].close();
    for (const audience of Object.keys(sites)) sites[audience].cleanup();
  });

  test('finds nothing of a protected name or internal text; the internal site finds them', async () => {
    const page = await browser.newPage();
    const errors = pageErrors(page);
    for (const query of PROTECTED) {
      const found = await searchFor(page, servers.public.url, query);
      assert.deepEqual(found, [], `public site, "${query}"`);
    }
    for (const query of ['Furén-Thulin', 'Hemlig Sak']) {
      const found = await searchFor(page, servers.internal.url, query);
      assert.ok(found.length > 0, `internal site, "${query}"`);
    }
    // The masked text is what the public finds: the placeholder, in a snippet.
    const masked = await searchFor(page, servers.public.url, 'budgeten');
    assert.ok(masked.some((r) => r.includes('[namn borttaget]')), masked.join(' | '));
    assert.deepEqual(errors.filter((e) => !e.includes('favicon.ico')), []);
    await page.close();
  });
});
