// Browser tests of the default theme in headless Chromium: every page type of the example
// site loads without errors and passes axe-core (no serious or critical violations, light
// and dark); navigation, breadcrumbs, pager and year strip lead to real pages; the decision
// timeline filter works (with JavaScript, without it, and from file://); pages fit a phone;
// a site's custom.css and template overrides apply; a meeting prints without navigation.
//
// Run: node --test browser/theme.test.mjs   (or bash browser/run-tests.sh for everything)

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  FIXTURES,
  PAGE_TYPES,
  axeViolations,
  buildSite,
  formatViolations,
  launchBrowser,
  pageErrors,
  pageTypesIn,
  serveDir,
} from './lib.mjs';

const FIXTURE = path.join(FIXTURES, 'timeline');
const MEETING = 'meetings/2020-09-15-socialchefsnatverket/';

let site, fixture, fileFixture, server, fixtureServer, browser;

before(async () => {
  site = buildSite();
  fixture = buildSite({ root: FIXTURE });
  fileFixture = buildSite({ root: FIXTURE, links: 'file' });
  server = await serveDir(site);
  fixtureServer = await serveDir(fixture);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await fixtureServer?.close();
  for (const s of [site, fixture, fileFixture]) s?.cleanup();
});

/** A new page in a fresh context; `errors` collects what the page reports as wrong. */
async function open(url, contextOptions = {}) {
  const context = await browser.newContext({ reducedMotion: 'reduce', ...contextOptions });
  const page = await context.newPage();
  const errors = pageErrors(page);
  if (url) await page.goto(url, { waitUntil: 'load' });
  return { context, page, errors };
}

/** The heading levels of the page, in document order. */
function headingLevels(page) {
  return page.$$eval('h1, h2, h3, h4, h5, h6', (hs) => hs.map((h) => Number(h.tagName[1])));
}

/** Visible decision cards of the timeline. */
function visibleCards(page) {
  return page.$$eval('#timeline .decision-card', (cards) => cards.filter((c) => c.offsetParent !== null).length);
}

describe('every page type', () => {
  test('the example site has every page type', () => {
    const types = pageTypesIn(site.dir).map((p) => p.name);
    for (const name of ['home', 'meeting', 'decisions', '404']) assert.ok(types.includes(name), name);
  });

  for (const { name } of PAGE_TYPES) {
    test(`${name}: loads cleanly, landmarks and headings in order, no serious axe violations (light, dark)`, async (t) => {
      // Optional page types (search) only when the build has them.
      const type = pageTypesIn(site.dir).find((p) => p.name === name);
      if (!type) {
        t.skip(`this build has no ${name} page`);
        return;
      }
      const { context, page, errors } = await open(server.url + type.path);
      try {
        assert.equal(await page.locator('h1').count(), 1, 'one h1');
        assert.equal(await page.locator('main#main').count(), 1, 'a main landmark');
        assert.equal(await page.locator('header.site-header').count(), 1, 'a banner');
        assert.equal(await page.locator('footer.site-footer').count(), 1, 'a contentinfo');
        assert.ok(await page.getAttribute('html', 'lang'), 'html has lang');
        const levels = await headingLevels(page);
        assert.equal(levels[0], 1, 'the first heading is the h1');
        for (let i = 1; i < levels.length; i++) {
          assert.ok(levels[i] <= levels[i - 1] + 1, `heading levels skip from h${levels[i - 1]} to h${levels[i]}`);
        }
        for (const colorScheme of ['light', 'dark']) {
          await page.emulateMedia({ colorScheme });
          const violations = await axeViolations(page);
          const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
          assert.equal(serious.length, 0, `${colorScheme}:\n${formatViolations(serious)}`);
          const other = violations.filter((v) => !serious.includes(v));
          if (other.length) t.diagnostic(`${colorScheme}: ${other.map((v) => `${v.impact} ${v.id}`).join(', ')}`);
        }
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }

  test('no page type overflows a phone screen (375 px)', async () => {
    const { context, page, errors } = await open(null, {
      viewport: { width: 375, height: 812 },
      isMobile: true,
      hasTouch: true,
    });
    try {
      for (const type of pageTypesIn(site.dir)) {
        await page.goto(server.url + type.path);
        // Compared with the device width, not innerWidth: a phone browser widens its layout
        // viewport (zooms out) to fit a page that overflows, and innerWidth grows with it.
        const scrollWidth = await page.evaluate(() => document.scrollingElement.scrollWidth);
        assert.ok(scrollWidth <= 375, `${type.name}: ${scrollWidth} px wide on a 375 px screen`);
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('tables fit a phone without scrolling sideways', async () => {
    const { context, page } = await open(null, { viewport: { width: 375, height: 812 }, isMobile: true });
    try {
      for (const p of ['organisations/', 'people/']) {
        await page.goto(server.url + p);
        const wrap = await page.$eval('.table-wrap', (w) => ({ scroll: w.scrollWidth, client: w.clientWidth }));
        assert.ok(wrap.scroll <= wrap.client, `${p}: table ${wrap.scroll} px in ${wrap.client} px`);
      }
    } finally {
      await context.close();
    }
  });

  test('dark mode follows prefers-color-scheme', async () => {
    const { context, page } = await open(server.url);
    try {
      const luminance = () =>
        page.evaluate(() => {
          const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
          return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
        });
      await page.emulateMedia({ colorScheme: 'light' });
      assert.ok((await luminance()) > 0.8, 'light background');
      await page.emulateMedia({ colorScheme: 'dark' });
      assert.ok((await luminance()) < 0.2, 'dark background');
    } finally {
      await context.close();
    }
  });
});

describe('navigation', () => {
  test('every main menu link leads to a page with an h1, marked as current there', async () => {
    const { context, page, errors } = await open(server.url);
    try {
      const links = await page.$$eval('.site-nav a', (as) => as.map((a) => a.getAttribute('href')));
      assert.ok(links.length >= 7, `menu links: ${links}`);
      for (let i = 0; i < links.length; i++) {
        await page.goto(server.url);
        await Promise.all([page.waitForURL((u) => u.href !== server.url), page.locator('.site-nav a').nth(i).click()]);
        assert.equal(await page.locator('h1').count(), 1, `${links[i]}: one h1`);
        assert.equal(
          await page.locator('.site-nav a').nth(i).getAttribute('aria-current'),
          'page',
          `${links[i]}: aria-current`,
        );
      }
      // The site title leads home.
      await page.click('.site-title');
      assert.equal(page.url(), server.url);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('breadcrumbs, the year strip and previous/next meeting link to real pages', async () => {
    const { context, page, errors } = await open(server.url + MEETING);
    try {
      const crumbs = await page.$$eval('.breadcrumbs a', (as) => as.map((a) => a.href));
      assert.ok(crumbs.length >= 2, 'home and the meetings');
      assert.equal(await page.textContent('.breadcrumbs [aria-current="page"]'), await page.textContent('h1'));
      for (const href of crumbs) {
        const res = await page.goto(href);
        assert.equal(res.status(), 200, href);
        assert.equal(await page.locator('h1').count(), 1, href);
      }

      // Previous / next meeting of the same body.
      await page.goto(server.url + MEETING);
      const body = await page.textContent('.meeting-header dd a[href*="bodies/"]');
      assert.equal(await page.locator('.pager a[rel="prev"]').count(), 0, 'the first meeting has no previous');
      await page.click('.pager a[rel="next"]');
      await page.waitForURL((u) => !u.href.endsWith(MEETING));
      assert.equal(await page.textContent('.meeting-header dd a[href*="bodies/"]'), body, 'same body');
      await page.click('.pager a[rel="prev"]');
      await page.waitForURL((u) => u.href.endsWith(MEETING));

      // The year strip on the archive and the timeline.
      for (const start of ['meetings/', 'decisions/']) {
        await page.goto(server.url + start);
        const years = await page.$$eval('.year-strip a', (as) => as.map((a) => a.href));
        assert.ok(years.length >= 2, `${start}: year strip`);
        for (const href of years) {
          await page.goto(href);
          assert.equal(await page.locator('.year-strip a[aria-current="page"]').count(), 1, href);
        }
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the skip link is the first stop and moves focus to the main content', async () => {
    const { context, page } = await open(server.url + MEETING);
    try {
      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => ({
        cls: document.activeElement.className,
        visible: document.activeElement.getBoundingClientRect().top >= 0,
      }));
      assert.equal(first.cls, 'skip-link');
      assert.ok(first.visible, 'the focused skip link is on screen');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => location.hash === '#main');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
    } finally {
      await context.close();
    }
  });

  test('focused links and controls are visibly marked', async () => {
    const { context, page } = await open(server.url + 'decisions/');
    try {
      const style = (selector) =>
        page.$eval(selector, (el) => {
          const s = getComputedStyle(el);
          return [s.outlineStyle, s.outlineWidth, s.backgroundColor, s.boxShadow].join(' ');
        });
      for (const selector of ['.site-nav a', 'main a', '#filter-body']) {
        const before = await style(selector);
        await page.focus(selector);
        // :focus-visible applies after keyboard use: press Shift (moves nothing).
        await page.keyboard.press('Shift');
        const after = await style(selector);
        assert.notEqual(after, before, `${selector} looks the same when focused`);
        await page.evaluate(() => document.activeElement.blur());
      }
    } finally {
      await context.close();
    }
  });
});

describe('decision timeline filter', () => {
  test('narrows the cards by body and organisation, hides empty months and years, announces the count', async () => {
    const { context, page, errors } = await open(fixtureServer.url + 'decisions/');
    try {
      assert.ok(await page.isVisible('#timeline-filter'), 'the form is shown');
      assert.ok(!(await page.isVisible('#timeline-browse')), 'the no-JS links are hidden');
      assert.equal(await page.getAttribute('#filter-status', 'aria-live'), 'polite');
      assert.equal(await visibleCards(page), 5);
      assert.match(await page.textContent('#filter-status'), /\b5\b/);

      await page.selectOption('#filter-body', 'referensgruppen');
      assert.equal(await visibleCards(page), 1);
      assert.equal(await page.textContent('#filter-status'), 'Visar 1 av 5 beslut');
      assert.ok(!(await page.isVisible('#year-2022')), 'the empty year is hidden');
      assert.ok(!(await page.isVisible('#month-2021-3')), 'the empty month is hidden');
      assert.ok(await page.isVisible('#month-2021-5'));
      assert.match(await page.textContent('#month-2021-5 .heading-count'), /^1 beslut$/);
      assert.match(page.url(), /[?&]body=referensgruppen\b/, 'the filter is in the address');
      // Organisations without decisions in that body cannot be chosen.
      assert.ok(await page.$eval('#filter-org option[value="alfa"]', (o) => o.disabled));

      await page.selectOption('#filter-body', '');
      await page.selectOption('#filter-org', 'gamma');
      assert.equal(await visibleCards(page), 2);
      assert.equal(await page.textContent('#filter-status'), 'Visar 2 av 5 beslut');
      const orgsOk = await page.$$eval('#timeline .decision-card', (cards) =>
        cards.filter((c) => c.offsetParent !== null).every((c) => c.dataset.orgs.split(' ').includes('gamma')),
      );
      assert.ok(orgsOk, 'every card shown is gamma’s');

      await page.selectOption('#filter-body', 'styrgruppen');
      assert.equal(await visibleCards(page), 1, 'body and organisation together');

      await page.click('#timeline-filter button[type="reset"]');
      await page.waitForFunction(() => document.querySelector('#filter-body').value === '');
      await page.waitForFunction(() => !/av/.test(document.querySelector('#filter-status').textContent));
      assert.equal(await visibleCards(page), 5, 'reset shows every card');
      assert.ok(await page.isVisible('#year-2022'));
      assert.equal(await page.textContent('#month-2021-3 .heading-count'), '2 beslut');
      assert.doesNotMatch(page.url(), /[?&](body|org)=/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a filtered address opens filtered; the per-year page filters too', async () => {
    const { context, page, errors } = await open(fixtureServer.url + 'decisions/?org=beta');
    try {
      assert.equal(await page.inputValue('#filter-org'), 'beta');
      assert.equal(await visibleCards(page), 1);
      await page.goto(fixtureServer.url + 'decisions/2021/');
      assert.equal(await visibleCards(page), 3);
      await page.selectOption('#filter-org', 'alfa');
      assert.equal(await visibleCards(page), 2);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('narrows the example site’s timeline by organisation', async () => {
    const { context, page, errors } = await open(server.url + 'decisions/');
    try {
      const total = await visibleCards(page);
      assert.ok(total > 1);
      const orgs = await page.$$eval('#filter-org option', (os) => os.map((o) => o.value).filter(Boolean));
      assert.ok(orgs.length > 1);
      let narrowed = false;
      for (const org of orgs) {
        await page.selectOption('#filter-org', org);
        const n = await visibleCards(page);
        assert.ok(n >= 1 && n <= total, `${org}: ${n}`);
        if (n < total) {
          narrowed = true;
          assert.match(await page.textContent('#filter-status'), new RegExp(`${n}\\D+${total}`));
        }
      }
      assert.ok(narrowed, 'some organisation narrows the timeline');
      await page.selectOption('#filter-body', { index: 1 });
      await page.click('#timeline-filter button[type="reset"]');
      await page.waitForFunction((t) => document.querySelectorAll('#timeline li:not([hidden]) .decision-card').length === t, total);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('without JavaScript: no form, links to the years, bodies and organisations instead', async () => {
    const { context, page, errors } = await open(fixtureServer.url + 'decisions/', { javaScriptEnabled: false });
    try {
      assert.ok(!(await page.isVisible('#timeline-filter')), 'the form stays hidden');
      assert.ok(await page.isVisible('#timeline-browse'));
      assert.equal(await visibleCards(page), 5);
      assert.ok((await page.locator('.year-strip a').count()) >= 3, 'links to the years');
      const bodies = await page.$$eval('#timeline-browse a[href*="bodies/"]', (as) => as.length);
      const orgs = await page.$$eval('#timeline-browse a[href*="organisations/"]', (as) => as.length);
      assert.equal(bodies, 2);
      assert.equal(orgs, 3);
      await page.click('#timeline-browse a[href*="organisations/gamma/"]');
      await page.waitForURL(/organisations\/gamma\/$/);
      assert.equal(await page.locator('.decision-card').count(), 2, 'the organisation page lists its decisions');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('works from file:// (links = "file")', async () => {
    const url = fileFixture.fileUrl + 'decisions/index.html';
    const { context, page, errors } = await open(url);
    try {
      assert.ok(await page.isVisible('#timeline-filter'));
      await page.selectOption('#filter-body', 'styrgruppen');
      assert.equal(await visibleCards(page), 4);
      await page.click('.site-nav a[href$="meetings/index.html"]');
      await page.waitForURL(/meetings\/index\.html$/);
      assert.equal(await page.locator('h1').count(), 1);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});

describe('theme contract', () => {
  test('a meeting in another language has its own lang, on its page and on its cards', async () => {
    const { context, page } = await open(fixtureServer.url + 'meetings/2021-05-04-reference-group/');
    try {
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      await page.goto(fixtureServer.url + 'decisions/');
      assert.equal(await page.getAttribute('html', 'lang'), 'sv');
      const langs = await page.$$eval('.decision-card[data-body="referensgruppen"] [lang]', (els) =>
        els.map((e) => e.getAttribute('lang')),
      );
      assert.ok(langs.length > 0 && langs.every((l) => l === 'en'), `lang attributes: ${langs}`);
    } finally {
      await context.close();
    }
  });

  test('a site’s static/custom.css is linked after the theme and applies', async () => {
    const { context, page, errors } = await open(fixtureServer.url);
    try {
      const sheets = await page.$$eval('link[rel="stylesheet"]', (ls) => ls.map((l) => l.getAttribute('href')));
      assert.ok(sheets.at(-1).endsWith('custom.css'), `${sheets}`);
      const marker = await page.evaluate(() =>
        getComputedStyle(document.documentElement).getPropertyValue('--custom-marker').trim(),
      );
      assert.equal(marker, '1');
      await page.goto(server.url);
      assert.equal(await page.locator('link[href$="custom.css"]').count(), 0, 'not linked when absent');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a site’s templates/<name>.html overrides that template only', async () => {
    const { context, page } = await open(fixtureServer.url + 'tags/');
    try {
      assert.equal(await page.textContent('.site-override'), 'Testarkivet');
      await page.goto(fixtureServer.url + 'tags/budget/');
      assert.equal(await page.locator('.site-override').count(), 0);
    } finally {
      await context.close();
    }
  });

  test('a meeting prints as clean minutes: no navigation, the minutes and attendees kept', async () => {
    const { context, page } = await open(server.url + 'meetings/2022-01-28-socialchefsnatverk-fyrbodal/');
    try {
      await page.emulateMedia({ media: 'print' });
      for (const selector of ['.site-header', '.breadcrumbs', '.site-footer', '.pager', '.skip-link']) {
        if ((await page.locator(selector).count()) > 0) {
          assert.ok(!(await page.isVisible(selector)), `${selector} is printed`);
        }
      }
      for (const selector of ['h1', '.meeting-header .meta-list', '.minutes .item', '#meeting-attendees']) {
        assert.ok(await page.locator(selector).first().isVisible(), `${selector} is not printed`);
      }
      const pdf = await page.pdf({ format: 'A4' });
      assert.ok(pdf.length > 10_000, 'a PDF');
    } finally {
      await context.close();
    }
  });
});

describe('a secretary on a phone (issue 24)', () => {
  const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };

  test('an English meeting in a Swedish site has English breadcrumbs', async () => {
    const { context, page } = await open(fixtureServer.url + 'meetings/2021-05-04-reference-group/');
    try {
      const crumbs = await page.$$eval('.breadcrumbs a', (as) => as.map((a) => a.textContent.trim()));
      assert.deepEqual(crumbs.slice(0, 2), ['Home', 'Meetings']);
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
    } finally {
      await context.close();
    }
  });

  test('the minutes begin on the first screen of a meeting page', async () => {
    const { context, page, errors } = await open(null, PHONE);
    try {
      for (const meeting of ['meetings/2022-01-28-socialchefsnatverk-fyrbodal/', MEETING]) {
        await page.goto(server.url + meeting, { waitUntil: 'load' });
        const top = await page.$eval('.minutes .item', (e) => e.getBoundingClientRect().top);
        assert.ok(top < 812 - 100, `${meeting}: the first item starts at ${top} px`);
        // Still there, one tap away.
        await page.click('.summary-box summary, .agenda summary');
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('decision bullets sit inside their boxes, and no wrapped line starts with a separator', async () => {
    const { context, page } = await open(null, PHONE);
    try {
      await page.goto(server.url + 'meetings/2022-01-28-socialchefsnatverk-fyrbodal/', { waitUntil: 'load' });
      const outside = await page.$$eval('.prose li.decision, .prose li.action', (lis) =>
        lis.filter((li) => getComputedStyle(li).listStylePosition !== 'inside' && getComputedStyle(li).listStyleType !== 'none').length);
      assert.ok((await page.locator('.prose li.decision').count()) > 0);
      assert.equal(outside, 0, 'list markers hang outside the decision boxes');
      for (const listPage of ['meetings/', 'bodies/', 'organisations/', 'people/']) {
        await page.goto(server.url + listPage, { waitUntil: 'load' });
        const leading = await page.$$eval('.meta > span, .row-meta > span', (spans) =>
          spans.filter((s) => /·/.test(getComputedStyle(s, '::before').content)).length);
        assert.equal(leading, 0, `${listPage}: a separator before an item can start a wrapped line`);
      }
    } finally {
      await context.close();
    }
  });
});
