// The HTML of every page type passes the Nu Html Checker (vnu-jar from npm, run with the
// machine's Java) with no errors: one page of each type of the example site, plus the
// test fixture's timeline and English meeting (another language, a site template override).
//
// Run: node --test browser/validate.test.mjs

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { BROWSER_DIR, FIXTURES, buildSite, htmlFile, pageTypesIn } from './lib.mjs';

export const VNU_JAR = path.join(BROWSER_DIR, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');

let site, fixture;

before(() => {
  site = buildSite();
  fixture = buildSite({ root: path.join(FIXTURES, 'timeline') });
});

after(() => {
  site?.cleanup();
  fixture?.cleanup();
});

/** Runs vnu on the files; returns its messages ({type, subType, message, url, lastLine, extract}). */
function vnu(files) {
  assert.ok(fs.existsSync(VNU_JAR), `${VNU_JAR} is missing: run npm ci in browser/`);
  const run = spawnSync('java', ['-jar', VNU_JAR, '--errors-only', '--format', 'json', ...files], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw new Error(`could not run java: ${run.error.message}`);
  // vnu writes its JSON report to stderr and exits 1 when it found errors.
  const report = (run.stderr || run.stdout).trim();
  let parsed;
  try {
    parsed = JSON.parse(report);
  } catch {
    throw new Error(`vnu (exit ${run.status}) did not report JSON:\n${report}\n${run.stdout}`);
  }
  return parsed.messages;
}

function describe(messages, root) {
  return messages
    .map((m) => {
      const file = decodeURIComponent((m.url || '').replace(/^file:/, ''));
      return `${path.relative(root, file)}:${m.lastLine ?? '?'}: ${m.type}${m.subType ? '/' + m.subType : ''}: ${m.message}\n    ${(m.extract || '').replace(/\n/g, ' ')}`;
    })
    .join('\n');
}

test('every page type of the example site is valid HTML', () => {
  const files = pageTypesIn(site.dir).map((p) => htmlFile(site.dir, p.path));
  const errors = vnu(files).filter((m) => m.type === 'error' || m.subType === 'fatal');
  assert.equal(errors.length, 0, `\n${describe(errors, site.dir)}`);
});

test('the fixture site’s timeline, English meeting and overridden template are valid HTML', () => {
  const files = [
    'index.html',
    'decisions/index.html',
    'decisions/2021/index.html',
    'meetings/2021-05-04-reference-group/index.html',
    'organisations/gamma/index.html',
    'tags/index.html',
  ].map((f) => path.join(fixture.dir, f));
  const errors = vnu(files).filter((m) => m.type === 'error' || m.subType === 'fatal');
  assert.equal(errors.length, 0, `\n${describe(errors, fixture.dir)}`);
});
