// search.js's tiered lookup, without a browser: a site where common words are in more
// documents than a stem's first tier holds, its index loaded by search.js in a Node `vm`
// with a minimal DOM (script elements read the index files from disk). The first page of
// results from the first tiers must be the first page of every posting, with fewer files.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { after, before, test } from 'node:test';
import { THEME_DIR, buildSite } from './lib.mjs';

const WORDS = ['budget', 'budgeten', 'budgetplan', 'bemanning', 'beslut', 'omsorg', 'hemtjänst', 'hemsjukvård',
  'skola', 'skolskjuts', 'personal', 'statistik', 'uppföljning', 'boende', 'barn', 'nattbemanning'];

/** A deterministic generator: the same site every run. */
function generator(seed) {
  let state = seed;
  const below = (n) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return Math.floor(state / 65536) % n;
  };
  // The first words far more often than the last, as in real minutes.
  const sentence = (n) => Array.from({ length: n }, () => WORDS[below(below(WORDS.length) + 1)]).join(' ');
  return { below, sentence };
}

/** 120 meetings of 12 items: "budget" is in far more than 1,024 documents (not in more
 *  than the 5,120 of two tiers: the cap on tiers is checked in Rust, tier_tests.rs). */
function writeSite(dir) {
  const { below, sentence } = generator(23);
  fs.writeFileSync(path.join(dir, 'site.toml'), 'title = "Tiers"\n');
  const bodies = ['Nätverket', 'Styrelsen', 'Rådet'];
  for (let i = 0; i < 120; i++) {
    const date = `20${String(15 + (i % 8)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    let text = `---\ndate: ${date}\nbody: ${bodies[i % 3]}\n---\n${sentence(6)}\n`;
    for (let item = 1; item <= 12; item++) {
      text += `\n## ${item}) ${sentence(2)}\n\n${sentence(3 + below(25))}\n`;
      if (below(4) === 0) text += `\nBeslut: ${sentence(4)}\n`;
    }
    const folder = path.join(dir, 'content', date.slice(0, 4));
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, `${date}-m${i}.md`), text);
  }
}

/** search.js in a fresh context whose script elements load files of `siteDir`; the first
 *  load of each file matching `torn` runs only its first half (a file `serve` was
 *  rewriting: the script runs, with a syntax error, and gives no data). */
function loadSearch(siteDir, torn = null) {
  const tornOnce = new Set();
  const loaded = [];
  const element = () => ({
    attrs: {},
    children: [],
    setAttribute(k, v) { this.attrs[k] = v; },
    getAttribute(k) { return this.attrs[k] ?? null; },
    appendChild(c) { this.children.push(c); return c; },
    addEventListener() {},
    querySelector() { return element(); },
  });
  const header = element();
  Object.assign(header.attrs, { 'data-search-root': './', 'data-lang': 'sv' });
  const context = {};
  context.window = context;
  context.document = {
    querySelector: (selector) => (selector === 'form[data-search-root]' ? header : null),
    createElement: element,
    createTextNode: (text) => ({ text }),
    addEventListener() {},
    head: {
      appendChild(script) {
        loaded.push(script.src);
        const file = path.join(siteDir, script.src);
        setImmediate(() => {
          if (!fs.existsSync(file)) return script.onerror();
          const text = fs.readFileSync(file, 'utf8');
          if (torn && torn.test(script.src) && !tornOnce.has(script.src)) {
            tornOnce.add(script.src);
            try { vm.runInContext(text.slice(0, text.length / 2), context); } catch { /* as a browser */ }
          } else {
            vm.runInContext(text, context);
          }
          script.onload();
        });
      },
    },
  };
  Object.assign(context, { Promise, setTimeout, clearTimeout, URLSearchParams, Intl });
  vm.createContext(context);
  vm.runInContext(fs.readFileSync(path.join(THEME_DIR, 'static', 'search.js'), 'utf8'), context);
  return { search: context.quorumSearch, loaded };
}

let site;
let tmp;

before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-tiers-'));
  writeSite(tmp);
  site = buildSite({ root: tmp });
});

after(() => {
  site?.cleanup();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('the first page from the first tiers is the first page from every posting (or, for words common together, the best known)', async () => {
  const queries = ['budget', 'bud', 'be', 'budget omsorg', 'skola personal', 'hemtjänst', 'nattbemanning', 'budget xyzzy'];
  const filters = [{}, { year: '2019' }, { decisions: true }, { body: '1', year: '2016' }];
  let tiered = 0;
  let results = 0;
  let same = 0;
  let capped = 0;
  for (const query of queries) {
    for (const filter of filters) {
      for (const wanted of [1, 5, 20, 40]) {
        const first = loadSearch(site.dir);
        const all = loadSearch(site.dir);
        const page = await first.search.search(query, filter, wanted);
        const every = await all.search.search(query, filter, 1e9);
        assert.ok(every.complete, query);
        const n = Math.min(wanted, every.hits.length);
        const key = (h) => `${h.doc}:${h.score}`;
        const best = Array.from(every.hits.slice(0, n), key);
        const got = Array.from(page.hits.slice(0, n), key);
        // At the cap of tiers (two words common together), the best documents known to
        // have every word; otherwise exactly the first page of every posting.
        results += n;
        same += got.filter((k) => best.includes(k)).length;
        if (got.join() !== best.join()) {
          capped++;
          const all = new Set(Array.from(every.hits, key));
          assert.ok(got.every((k) => all.has(k)), `${query}: only documents with every word`);
          assert.ok(query.includes(' '), `${query}: one word is ranked exactly`);
        }
        assert.equal(page.partial, every.partial, query);
        if (page.complete) {
          assert.deepEqual(Array.from(page.hits, key), Array.from(every.hits, key), query);
        } else {
          tiered++;
          const postings = (loaded) => loaded.filter((f) => /\/p-/.test(f)).length;
          assert.ok(postings(first.loaded) <= postings(all.loaded), `${query}: no more postings files`);
        }
      }
    }
  }
  assert.ok(tiered > 20, `most pages come from the first tiers: ${tiered}`);
  assert.ok(same >= results * 0.9, `${same} of ${results} results as from every posting (${capped} pages capped)`);
});

test('a file read half-written is loaded again by the next search', async () => {
  const clean = await loadSearch(site.dir).search.search('budget omsorg', {}, 20);
  assert.ok(clean.hits.length > 0);
  const torn = loadSearch(site.dir, /\/p-/);
  await torn.search.search('budget omsorg', {}, 20);
  const again = await torn.search.search('budget omsorg', {}, 20);
  // The first page; after it, the documents known so far, which depend on the files
  // loaded before.
  const page = (run) => Array.from(run.hits.slice(0, 20), (h) => `${h.doc}:${h.score}`);
  assert.deepEqual(page(again), page(clean));
  const postings = torn.loaded.filter((f) => /\/p-/.test(f));
  assert.ok(postings.length > new Set(postings).size, 'a postings file was loaded twice');
});
