// Search latency in the browser, over a built site opened from disk (file://).
//
//   cargo run --release --example gen-corpus -- 10000 /tmp/corpus
//   target/release/quorum build --root /tmp/corpus --output /tmp/corpus-site --links file
//   node browser/search-bench.mjs /tmp/corpus-site [QUERY ...]
//
// Per query: "cold" is a fresh page (nothing of the index loaded yet but the manifest,
// which the search page loads to fill its filters): search.js loads the files it needs, scores and loads the first page of
// documents; "warm" repeats the query on that page (files cached, postings decoded).
// Prints the files and bytes loaded and the times (median of the warm runs).

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser } from './lib.mjs';

const [dir, ...rest] = process.argv.slice(2);
if (!dir || !fs.existsSync(path.join(dir, 'search', 'index.html'))) {
  console.error('usage: node browser/search-bench.mjs SITE_DIR [QUERY ...]  (a site built with --links file)');
  process.exit(2);
}
const queries = rest.length
  ? rest
  : ['besöksförbud', 'besoksforbud', 'nattbemanning', 'kompetensförsörjning', 'socialstyrelsen',
     'öppna jämförelser', 'hemtjänst', 'be', 'vård', 'beslut'];
const WARM_RUNS = 10;
const url = pathToFileURL(path.resolve(dir)).href + '/search/index.html';

const browser = await launchBrowser();
try {
  console.log(`${'query'.padEnd(24)} ${'hits'.padStart(7)} ${'files'.padStart(6)} ${'loaded'.padStart(10)} ${'cold'.padStart(10)} ${'warm'.padStart(10)}`);
  for (const query of queries) {
    const page = await browser.newPage();
    await page.goto(url);
    const result = await page.evaluate(
      async ({ query, runs }) => {
        const s = window.quorumSearch;
        const time = async () => {
          const t = performance.now();
          const run = await s.results(query, {}, 20);
          return { ms: performance.now() - t, hits: run.hits.length };
        };
        const cold = await time();
        const warm = [];
        for (let i = 0; i < runs; i++) warm.push((await time()).ms);
        warm.sort((a, b) => a - b);
        const files = Array.from(document.querySelectorAll('script[src*="search/"]')).map((e) => e.src);
        return { hits: cold.hits, cold: cold.ms, warm: warm[Math.floor(runs / 2)], files };
      },
      { query, runs: WARM_RUNS },
    );
    const loaded = result.files;
    const bytes = loaded
      .map((u) => fs.statSync(new URL(u)).size)
      .reduce((a, b) => a + b, 0);
    console.log(
      `${JSON.stringify(query).padEnd(24)} ${String(result.hits).padStart(7)} ${String(loaded.length).padStart(6)} ` +
        `${(bytes / 1024).toFixed(1).padStart(7)} KiB ${result.cold.toFixed(1).padStart(7)} ms ${result.warm.toFixed(1).padStart(7)} ms`,
    );
    await page.close();
  }
} finally {
  await browser.close();
}
