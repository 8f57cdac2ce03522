/* quorum search: queries the static index in /search/ in the browser.
 *
 * The index files are scripts that call quorumSearchIndex(kind, key, data) (JSONP style),
 * loaded with script elements, so search works from file:// where fetch() does not.
 * The index is built by src/publish/search/ (mod.rs documents the format); this script mirrors
 * SearchIndex::search there (lookup, scoring, filters). No framework, no network beyond
 * the site's own files. See docs/search.md.
 */
(function () {
  'use strict';

  var header = document.querySelector('form[data-search-root]');
  if (!header || !('Promise' in window)) return;

  // ---- paths: the site root as the page links to it (relative, absolute or file) ----
  var rootLink = header.getAttribute('data-search-root') || './';
  var fileMode = /index\.html$/.test(rootLink);
  var rootDir = rootLink.replace(/index\.html$/, '');
  var indexDir = rootDir + 'search/';

  /** A link from this page to a site path ("/meetings/x/#item-8"). */
  function href(path) {
    var hash = path.indexOf('#');
    var target = (hash < 0 ? path : path.slice(0, hash)).replace(/^\//, '');
    var fragment = hash < 0 ? '' : path.slice(hash);
    if (fileMode && (target === '' || /\/$/.test(target))) target += 'index.html';
    return (rootDir + target || './') + fragment;
  }

  function text(key) { return header.getAttribute('data-t-' + key) || ''; }

  // ---- folding and words: the same as fold() and words() in src/search.rs ----
  var SPECIAL = { 'ø': 'o', 'æ': 'ae', 'œ': 'oe', 'ß': 'ss', 'đ': 'd', 'ł': 'l' };
  var MARKS = /\p{M}/gu;
  var WORD = /[\p{L}\p{N}\p{M}]+/gu;

  function fold(word) {
    var lower = word.toLowerCase();
    if (/^[\x00-\x7f]*$/.test(lower)) return lower;
    return lower.normalize('NFD').replace(MARKS, '').replace(/[øæœßđł]/g, function (c) {
      return SPECIAL[c];
    });
  }

  function indexable(folded) {
    var n = Array.from(folded).length;
    return n >= 2 && n <= 40;
  }

  function shardKey(folded) {
    return Array.from(folded).slice(0, 2).map(function (c) {
      return /[a-z0-9]/.test(c) ? c : '_' + c.codePointAt(0).toString(16);
    }).join('');
  }

  function queryWords(query) {
    var out = [];
    (query.match(WORD) || []).forEach(function (word) {
      var lower = word.toLowerCase();
      var folded = fold(lower);
      if (indexable(folded) && !out.some(function (w) { return w.folded === folded; })) {
        out.push({ lower: lower, folded: folded });
      }
    });
    return out;
  }

  // ---- loading index files ----
  var store = { meta: null, w: {}, p: {}, d: {}, f: {} };
  var loading = {};

  window.quorumSearchIndex = function (kind, key, data) {
    if (kind === 'meta') store.meta = data;
    else if (store[kind]) store[kind][key] = data;
  };

  function have(kind, key) {
    return kind === 'meta' ? store.meta !== null : Object.prototype.hasOwnProperty.call(store[kind], key);
  }

  /** Loads search/<file> once; resolves when its data is registered (or it failed). */
  function load(kind, key, file) {
    if (have(kind, key)) return Promise.resolve(true);
    if (loading[file]) return loading[file];
    loading[file] = new Promise(function (resolve) {
      var script = document.createElement('script');
      script.src = indexDir + file;
      script.async = true;
      // A file that ran without giving its data (`serve` was rewriting it) is loaded
      // again by the next search, as is one that failed to load.
      script.onload = function () {
        var ok = have(kind, key);
        if (!ok) delete loading[file];
        resolve(ok);
      };
      script.onerror = function () { delete loading[file]; resolve(false); };
      document.head.appendChild(script);
    });
    return loading[file];
  }

  function loadMeta() {
    return load('meta', '', 'meta.js').then(function (ok) {
      if (!ok) throw new Error('meta');
      var meta = store.meta;
      if (!meta.stopSet) {
        meta.stopSet = new Set(meta.stop);
        meta.bodyNames = {};
        meta.bodies.forEach(function (b) { meta.bodyNames[b[0]] = b[2]; });
        meta.orgNames = {};
        meta.organisations.forEach(function (o) { meta.orgNames[o[0]] = o[3] || o[2]; });
      }
      return meta;
    });
  }

  /** The vocabulary entries of words sharing the first two letters of `folded`. */
  function loadShard(meta, folded) {
    var key = shardKey(folded);
    if (!Object.prototype.hasOwnProperty.call(meta.shards, key)) return Promise.resolve([]);
    var n = meta.shards[key];
    return load('w', n, 'w-' + n + '.js').then(function () { return (store.w[n] || {})[key] || []; });
  }

  // Numbers in base-32 digits: 0-9a-v end a number, w-zA-Z_- come before its last digit.
  function digit(c) {
    if (c >= 48 && c <= 57) return c - 48;
    if (c >= 97 && c <= 122) return c - 87;
    if (c >= 65 && c <= 90) return c - 29;
    return c === 95 ? 62 : 63;
  }

  function decodeNumbers(s) {
    var out = [];
    var value = 0;
    for (var i = 0; i < s.length; i++) {
      var d = digit(s.charCodeAt(i));
      if (d >= 32) value = value * 32 + (d - 32);
      else { out.push(value * 32 + d); value = 0; }
    }
    return out;
  }

  // A stem's postings come in tiers (src/publish/search/tiers.rs): the first is under the
  // stem's id in the file its vocabulary entry names, as the encoded postings or, when
  // there are more, [postings, [file, top weight, top doc], ...] with one triple per later
  // tier; tier t is under "<id>.<t>" in its file.
  /** A stem's tiers as known: [{file, top}], top: [weight, doc] of the tier's best posting. */
  function tiersOf(entry) {
    var value = (store.p[entry[2]] || {})[entry[1]];
    var tiers = [{ file: String(entry[2]), top: null }];
    if (Array.isArray(value)) {
      value.slice(1).forEach(function (t) { tiers.push({ file: String(t[0]), top: [t[1], t[2]] }); });
    }
    return tiers;
  }

  var decoded = {};
  /** The postings of tier `t` of a stem: parallel arrays of doc ids and weights (1..15). */
  function postings(stem, tiers, t) {
    var key = t ? stem + '.' + t : String(stem);
    if (decoded[key]) return decoded[key];
    var file = store.p[tiers[t].file];
    var value = (file || {})[key] || '';
    if (Array.isArray(value)) value = value[0];
    var numbers = decodeNumbers(value);
    var docs = new Uint32Array(numbers.length);
    var weights = new Uint8Array(numbers.length);
    var previous = -1;
    for (var i = 0; i < numbers.length; i++) {
      var delta = Math.floor(numbers[i] / 16);
      previous += delta;
      docs[i] = previous;
      weights[i] = numbers[i] % 16;
    }
    var list = { docs: docs, weights: weights };
    // Not kept when its file did not load: the next search loads it again.
    if (file) decoded[key] = list;
    return list;
  }

  function facetIds(facet) {
    return load('f', facet, 'f-' + facet + '.js').then(function () {
      var ids = decodeNumbers(store.f[facet] || '');
      var previous = -1;
      for (var i = 0; i < ids.length; i++) { previous += ids[i]; ids[i] = previous; }
      return ids;
    });
  }

  // ---- lookup and scoring: SearchIndex::stems_for and ::search in src/search.rs ----
  // Vocabulary entry: [folded, stem, postings file, df, surface (when it differs)].
  function byDf(a, b) { return b[3] - a[3] || a[1] - b[1]; }

  /** Stems a prefix may expand to: prefix_limit() in src/search.rs. */
  function prefixLimit(meta, chars) {
    return Math.min(meta.prefixLimit, 4 << Math.min(Math.max(chars - 2, 0), 8));
  }

  function prefixStems(shard, prefix, exclude, limit) {
    var seen = new Set(exclude);
    var found = [];
    shard.forEach(function (e) {
      if (e[0] !== prefix && e[0].lastIndexOf(prefix, 0) === 0 && !seen.has(e[1])) {
        seen.add(e[1]);
        found.push(e);
      }
    });
    return found.sort(byDf).slice(0, limit);
  }

  function stemsFor(meta, shard, word) {
    var exact = shard.filter(function (e) { return e[0] === word.folded; });
    var spelled = exact.filter(function (e) { return (e[4] || e[0]) === word.lower; });
    var chosen = spelled.length ? spelled : exact;
    var stems = [];
    var ids = [];
    chosen.forEach(function (e) {
      if (ids.indexOf(e[1]) < 0) { ids.push(e[1]); stems.push({ entry: e, factor: 1 }); }
    });
    prefixStems(shard, word.folded, ids, prefixLimit(meta, Array.from(word.folded).length)).forEach(function (e) {
      ids.push(e[1]);
      stems.push({ entry: e, factor: meta.prefixFactor });
    });
    if (!stems.length) {
      var chars = Array.from(word.folded);
      for (var cut = 1; cut <= 3 && chars.length >= cut + 4; cut++) {
        var shorter = chars.slice(0, chars.length - cut).join('');
        var found = shard.filter(function (e) { return e[0].lastIndexOf(shorter, 0) === 0; });
        var unique = [];
        var seen = new Set();
        found.sort(byDf).forEach(function (e) {
          if (!seen.has(e[1])) { seen.add(e[1]); unique.push(e); }
        });
        unique.slice(0, prefixLimit(meta, Array.from(shorter).length)).forEach(function (e) {
          stems.push({ entry: e, factor: meta.suffixFactor });
        });
        if (stems.length) break;
      }
    }
    return stems;
  }

  /**
   * Runs a query: resolves to {hits: [{doc, score}], partial, complete, terms} where terms
   * are the folded words to highlight. The first `wanted` hits are final; unless
   * `complete`, the others are the documents known so far to have every word.
   * SearchIndex::search_first in src/publish/search/query.rs does the same.
   */
  function search(query, filters, wanted) {
    wanted = Math.max(1, wanted || 20);
    return loadMeta().then(function (meta) {
      var words = queryWords(query);
      return Promise.all(words.map(function (w) { return loadShard(meta, w.folded); }))
        .then(function (shards) {
          var perWord = [];
          var highlight = new Set();
          words.forEach(function (w, i) {
            var stems = stemsFor(meta, shards[i], w);
            highlight.add(w.folded);
            stems.forEach(function (s) { s.loaded = 1; highlight.add(s.entry[0]); });
            perWord.push({ word: w, stems: stems });
          });
          return Promise.all(facetsOf(filters).map(facetIds)).then(function (lists) {
            var allowed = null;
            lists.forEach(function (ids) {
              var these = new Uint8Array(meta.docs);
              ids.forEach(function (id) { if (!allowed || allowed[id]) these[id] = 1; });
              allowed = these;
            });
            // Load the first tier of every stem, then one more of each stem that has more,
            // until the first page is known.
            function round() {
              var files = {};
              perWord.forEach(function (pw) {
                pw.stems.forEach(function (s) {
                  var tiers = tiersOf(s.entry);
                  for (var t = 0; t < s.loaded; t++) files[tiers[t].file] = true;
                });
              });
              return Promise.all(Object.keys(files).map(function (n) { return load('p', n, 'p-' + n + '.js'); }))
                .then(function () {
                  var run = score(meta, perWord, allowed, wanted, highlight);
                  if (run.hits) return run;
                  // At the cap (tiers_for in query.rs), the documents known to have every
                  // word, best first.
                  var cap = meta.pageTiers + Math.ceil(wanted / meta.pageSize) - 1;
                  var advance = function (limit) {
                    var advanced = false;
                    perWord.forEach(function (pw) {
                      pw.stems.forEach(function (s) {
                        var next = Math.min(s.loaded + 1, tiersOf(s.entry).length, limit);
                        if (next > s.loaded) advanced = true;
                        s.loaded = next;
                      });
                    });
                    return advanced;
                  };
                  if (!advance(cap)) {
                    if (run.known.length) return { hits: run.known, partial: false, complete: false, terms: highlight };
                    advance(Infinity);
                  }
                  return round();
                });
            }
            return round();
          });
        });
    });
  }

  function facetsOf(filters) {
    var facets = [];
    if (filters.body !== '' && filters.body != null) facets.push('b' + filters.body);
    if (filters.org !== '' && filters.org != null) facets.push('o' + filters.org);
    if (filters.year) facets.push('y' + filters.year);
    if (filters.decisions) facets.push('kd');
    return facets;
  }

  /** Scores the tiers loaded: the result, or {known} (the documents known to have every
   *  word, best first) when more tiers are needed. */
  function score(meta, perWord, allowed, wanted, highlight) {
    var n = meta.docs;
    var required = 0;
    var total = new Float32Array(n);
    var count = new Uint8Array(n);
    var best = [];
    // Per word: [score, doc]: no unloaded posting scores more, and one that scores as much
    // is in a document no newer than doc.
    var bounds = [];
    perWord.forEach(function (pw) {
      if (!pw.stems.length) {
        if (!meta.stopSet.has(pw.word.folded)) required++;
        return;
      }
      required++;
      var mine = new Float32Array(n);
      var bound = [0, 0];
      pw.stems.forEach(function (s) {
        var e = s.entry;
        var tiers = tiersOf(e);
        var df = e[3];
        var idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        for (var t = 0; t < s.loaded; t++) {
          var list = postings(String(e[1]), tiers, t);
          for (var i = 0; i < list.docs.length; i++) {
            var v = Math.fround(Math.fround(idf * list.weights[i]) * s.factor);
            var d = list.docs[i];
            if (v > mine[d]) mine[d] = v;
          }
        }
        var next = tiers[s.loaded];
        if (next) {
          var b = Math.fround(Math.fround(idf * next.top[0]) * s.factor);
          if (b > bound[0] || (b === bound[0] && next.top[1] > bound[1])) bound = [b, next.top[1]];
        }
      });
      for (var d = 0; d < n; d++) {
        if (mine[d] > 0) { total[d] += mine[d]; count[d]++; }
      }
      best.push(mine);
      bounds.push(bound);
    });
    var result = { hits: [], partial: false, complete: true, terms: highlight };
    if (!required) return result;
    var allows = function (d) { return !allowed || allowed[d] === 1; };
    function hit(d) { return { doc: d, count: count[d], score: total[d] }; }
    function byScore(a, b) { return b.count - a.count || b.score - a.score || b.doc - a.doc; }
    if (bounds.every(function (b) { return b[0] === 0; })) {
      // Every posting loaded: all documents with every word; when none has them all,
      // those with some.
      var collect = function (all) {
        var hits = [];
        for (var d = 0; d < n; d++) {
          if (count[d] && (!all || count[d] === required)) hits.push(hit(d));
        }
        return hits;
      };
      var hits = collect(true);
      if (!hits.length && required > 1) {
        hits = collect(false);
        result.partial = hits.length > 0;
      }
      result.hits = hits.filter(function (h) { return allows(h.doc); }).sort(byScore);
      return result;
    }
    return firstPage(result, best, bounds, total, count, required, allows, wanted, hit, byScore);
  }

  /** With tiers left: the documents with every word, if the first `wanted` are final and
   *  nothing unloaded could rank above the last of them (first_page in query.rs). */
  function firstPage(result, best, bounds, total, count, required, allows, wanted, hit, byScore) {
    var n = count.length;
    var anyFull = false;
    var found = [];
    for (var d = 0; d < n; d++) {
      if (count[d] === required) {
        anyFull = true;
        if (allows(d)) found.push(hit(d));
      }
    }
    found.sort(byScore);
    var unsettled = { known: found };
    if (best.length < required || !anyFull) return unsettled;
    var page = Math.min(wanted, found.length);
    var onPage = new Set();
    for (var i = 0; i < page; i++) {
      var doc = found[i].doc;
      for (var w = 0; w < best.length; w++) if (best[w][doc] < bounds[w][0]) return unsettled;
      onPage.add(doc);
    }
    var last = page === wanted ? found[page - 1] : null;
    function couldRankAbove(score, doc) {
      return !last || score > last.score || (score === last.score && doc > last.doc);
    }
    for (d = 0; d < n; d++) {
      if (!count[d] || !allows(d) || onPage.has(d)) continue;
      var upper = 0;
      var possible = true;
      for (w = 0; w < best.length && possible; w++) {
        if (best[w][d] === 0 && bounds[w][0] === 0) possible = false;
        upper = Math.fround(upper + Math.max(best[w][d], bounds[w][0]));
      }
      if (possible && couldRankAbove(upper, d)) return unsettled;
    }
    if (bounds.every(function (b) { return b[0] > 0; })) {
      var unseen = 0;
      var newest = Infinity;
      bounds.forEach(function (b) { unseen = Math.fround(unseen + b[0]); newest = Math.min(newest, b[1]); });
      if (couldRankAbove(unseen, newest)) return unsettled;
    }
    result.hits = found;
    // A page that is not full has every hit.
    result.complete = found.length < wanted;
    return result;
  }

  /** The documents of hits (loading their chunks): [kind, path, title, meeting title,
   *  date, body, organisations, text]. */
  function documents(meta, hits) {
    var chunks = {};
    hits.forEach(function (h) { chunks[Math.floor(h.doc / meta.chunk)] = true; });
    return Promise.all(Object.keys(chunks).map(function (c) {
      return load('d', c, 'd-' + c + '.js');
    })).then(function () {
      return hits.map(function (h) {
        var chunk = store.d[Math.floor(h.doc / meta.chunk)];
        return chunk ? chunk[h.doc % meta.chunk] : null;
      });
    });
  }

  // ---- rendering ----
  function el(name, attrs, children) {
    var node = document.createElement(name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }

  function isHit(word, terms) {
    var folded = fold(word);
    if (terms.has(folded)) return true;
    var hit = false;
    terms.forEach(function (t) { if (folded.lastIndexOf(t, 0) === 0) hit = true; });
    return hit;
  }

  /** Text with the matching words in <mark>; `window` > 0 cuts it around the first hit. */
  function highlighted(value, terms, window) {
    var start = 0;
    var end = value.length;
    var re = new RegExp(WORD.source, 'gu');
    var m;
    if (window) {
      var first = -1;
      while ((m = re.exec(value))) {
        if (isHit(m[0], terms)) { first = m.index; break; }
      }
      if (first > window / 2) {
        start = value.lastIndexOf(' ', first - Math.floor(window / 4));
        start = start < 0 ? 0 : start + 1;
      }
      if (end - start > window) {
        end = value.lastIndexOf(' ', start + window);
        if (end <= start) end = start + window;
      }
    }
    var part = value.slice(start, end);
    var nodes = [];
    if (start > 0) nodes.push('… ');
    var last = 0;
    re = new RegExp(WORD.source, 'gu');
    while ((m = re.exec(part))) {
      if (isHit(m[0], terms)) {
        if (m.index > last) nodes.push(part.slice(last, m.index));
        nodes.push(el('mark', {}, [m[0]]));
        last = m.index + m[0].length;
      }
    }
    if (last < part.length) nodes.push(part.slice(last));
    if (end < value.length) nodes.push(' …');
    return nodes;
  }

  var lang = header.getAttribute('data-lang') === 'en' ? 'en-GB' : 'sv-SE';
  function longDate(iso) {
    var d = new Date(iso + 'T12:00:00');
    try {
      return new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', year: 'numeric' }).format(d);
    } catch (e) {
      return iso;
    }
  }

  /** "12 träffar"; "1234+ träffar" when there may be more than those known. */
  function countText(n, more) {
    return n + (more ? '+' : '') + ' ' + (n === 1 && !more ? text('result-one') : text('result-other'));
  }

  /** One result: heading with the link, kind, date, forum, organisations; snippet. */
  function resultItem(meta, doc, terms, compact) {
    var kind = doc[0];
    var heading = el(compact ? 'p' : 'h2', { class: 'search-result-title' }, [
      el('a', { href: href(doc[1]) }, highlighted(doc[2], terms, 0))
    ]);
    var parts = [el('span', { class: 'search-kind' }, [text('kind-' + kind)]),
      el('time', { datetime: doc[4] }, [longDate(doc[4])])];
    var body = meta.bodyNames[doc[5]];
    // The meeting's own title, unless it is the default "<body> <date>".
    if (kind !== 0 && doc[3] && (!body || doc[3].lastIndexOf(body, 0) !== 0)) parts.push(doc[3]);
    if (body) parts.push(body);
    var orgs = doc[6].slice(0, 3).map(function (o) { return meta.orgNames[o]; }).filter(Boolean);
    if (orgs.length) parts.push(orgs.join(', '));
    if (doc[8] && kind === 3) parts = parts.concat(actionParts(doc[8]));
    if (doc[8] && kind === 2) parts = parts.concat(changedByParts(doc[8]));
    var metaLine = el('p', { class: 'search-result-meta' });
    parts.forEach(function (p, i) {
      if (i) metaLine.appendChild(document.createTextNode(' · '));
      metaLine.appendChild(typeof p === 'string' ? document.createTextNode(p) : p);
    });
    var children = [heading, metaLine];
    if (doc[7]) {
      children.push(el('p', { class: 'search-snippet' }, highlighted(doc[7], terms, compact ? 140 : 260)));
    }
    return el('li', { class: 'search-result search-result-' + ['meeting', 'item', 'decision', 'action'][kind] }, children);
  }

  /** The later decisions that change a decision: [[relation, path, date], …] of its document. */
  function changedByParts(changes) {
    return changes.map(function (c) {
      return el('span', { class: 'search-changed-by' }, [text('changed-' + c[0]) + ' ',
        el('a', { href: href(c[1]) }, [longDate(c[2])])]);
    });
  }

  /** An action's state, owners and due date: [owners, due, status] of its document. */
  function actionParts(action) {
    var parts = [el('span', { class: 'search-action-status status-' + action[2], 'data-status': action[2] },
      [text('status-' + action[2])])];
    if (action[0].length) {
      parts.push(el('span', { class: 'search-action-owners' }, [text('owner') + ': ' + action[0].join(', ')]));
    }
    if (action[1]) {
      parts.push(el('span', { class: 'search-action-due' }, [text('due') + ' ',
        el('time', { datetime: action[1] }, [longDate(action[1])])]));
    }
    return parts;
  }

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(fn, ms);
    };
  }

  // ---- the search page ----
  var form = document.querySelector('form[data-search-form]');
  if (form) setUpPage(form);
  else setUpHeader();

  function setUpPage(form) {
    var input = form.querySelector('input[name="q"]');
    var bodySelect = form.querySelector('select[name="body"]');
    var orgSelect = form.querySelector('select[name="org"]');
    var yearSelect = form.querySelector('select[name="year"]');
    var decisions = form.querySelector('input[name="decisions"]');
    var status = document.getElementById('search-status');
    var list = document.getElementById('search-results');
    var more = document.getElementById('search-more');
    var params = new URLSearchParams(window.location.search);
    input.value = params.get('q') || '';
    header.querySelector('input[name="q"]').value = input.value;
    decisions.checked = params.get('decisions') === '1';
    var sequence = 0;
    var current = null;
    var shown = 0;
    var shownDocs = new Set();
    var PAGE = 20;

    function option(select, value, label) {
      select.appendChild(el('option', { value: String(value) }, [label]));
    }

    function filters() {
      return {
        body: bodySelect.value,
        org: orgSelect.value,
        year: yearSelect.value,
        decisions: decisions.checked
      };
    }

    function keepInUrl() {
      var f = filters();
      var p = new URLSearchParams();
      if (input.value) p.set('q', input.value);
      if (f.body) p.set('body', f.body);
      if (f.org) p.set('org', f.org);
      if (f.year) p.set('year', f.year);
      if (f.decisions) p.set('decisions', '1');
      var query = p.toString();
      try {
        history.replaceState(null, '', query ? '?' + query : window.location.pathname);
      } catch (e) { /* some browsers refuse on file:// */ }
    }

    /** The next page of results; beyond the hits known to be final, the query runs again
     *  for more of them (loading more tiers of postings). */
    function showMore(meta) {
      var run = current;
      var final = run.complete ? Infinity : run.wanted;
      var ready = shown + PAGE <= final ? Promise.resolve(run)
        : search(run.query, run.filters, shown + PAGE).then(function (next) {
          next.query = run.query;
          next.filters = run.filters;
          next.wanted = shown + PAGE;
          return next;
        });
      return ready.then(function (next) {
        if (run !== current) return;
        current = run = next;
        // The results not shown yet, in order (a page of several common words ranked from
        // the tiers loaded may change a little when more are loaded: nothing twice).
        var page = [];
        for (var i = 0; i < run.hits.length && page.length < PAGE; i++) {
          if (!shownDocs.has(run.hits[i].doc)) page.push(run.hits[i]);
        }
        page.forEach(function (h) { shownDocs.add(h.doc); });
        shown += page.length;
        return documents(meta, page).then(function (docs) {
          if (run !== current) return;
          docs.forEach(function (doc) { if (doc) list.appendChild(resultItem(meta, doc, run.terms, false)); });
          more.hidden = run.complete && shown >= run.hits.length;
        });
      });
    }

    function update() {
      keepInUrl();
      var mine = ++sequence;
      var query = input.value.trim();
      if (!queryWords(query).length) {
        current = null;
        list.textContent = '';
        status.textContent = '';
        more.hidden = true;
        form.removeAttribute('aria-busy');
        form.setAttribute('data-results-for', query + '|' + JSON.stringify(filters()));
        return;
      }
      form.setAttribute('aria-busy', 'true');
      var asked = filters();
      search(query, asked, PAGE).then(function (run) {
        if (mine !== sequence) return;
        run.query = query;
        run.filters = asked;
        run.wanted = PAGE;
        current = run;
        shown = 0;
        shownDocs = new Set();
        list.textContent = '';
        var meta = store.meta;
        return showMore(meta).then(function () {
          if (mine !== sequence) return;
          status.textContent = run.hits.length
            ? countText(run.hits.length, !run.complete) + (run.partial ? '. ' + text('partial') : '')
            : text('none');
          form.removeAttribute('aria-busy');
          // What the results on show are for (tests wait on it).
          form.setAttribute('data-results-for', query + '|' + JSON.stringify(filters()));
        });
      }).catch(function () {
        status.textContent = text('error');
        form.removeAttribute('aria-busy');
      });
    }

    loadMeta().then(function (meta) {
      meta.bodies.slice().sort(function (a, b) { return a[2].localeCompare(b[2], lang); })
        .forEach(function (b) { option(bodySelect, b[0], b[2]); });
      meta.organisations.slice()
        .sort(function (a, b) { return a[2].localeCompare(b[2], lang); })
        .forEach(function (o) { option(orgSelect, o[0], o[3] ? o[2] + ' (' + o[3] + ')' : o[2]); });
      meta.years.slice().reverse().forEach(function (y) { option(yearSelect, y, String(y)); });
      // Filters in the URL use keys (stable across builds); the lists use positions.
      var body = meta.bodies.find(function (b) { return b[1] === params.get('body') || String(b[0]) === params.get('body'); });
      var org = meta.organisations.find(function (o) { return o[1] === params.get('org') || String(o[0]) === params.get('org'); });
      if (body) bodySelect.value = String(body[0]);
      if (org) orgSelect.value = String(org[0]);
      if (params.get('year')) yearSelect.value = params.get('year');
      form.querySelector('.search-filters').hidden = false;
      update();
    }).catch(function () {
      status.textContent = text('error');
    });

    input.addEventListener('input', debounce(update, 120));
    [bodySelect, orgSelect, yearSelect, decisions].forEach(function (c) {
      c.addEventListener('change', update);
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      update();
    });
    more.addEventListener('click', function () {
      var first = list.children.length;
      showMore(store.meta).then(function () {
        var next = list.children[first];
        var link = next && next.querySelector('a');
        if (link) link.focus();
      });
    });
  }

  // ---- the header box on every other page: a few live results under it ----
  function setUpHeader() {
    var input = header.querySelector('input[name="q"]');
    var panel = el('div', { class: 'site-search-panel', hidden: '' });
    var status = el('p', { class: 'site-search-status', role: 'status', 'aria-live': 'polite' });
    var list = el('ol', { class: 'search-results site-search-results' });
    var all = el('a', { class: 'site-search-all' });
    panel.appendChild(status);
    panel.appendChild(list);
    panel.appendChild(all);
    header.appendChild(panel);
    var sequence = 0;

    function close() { panel.hidden = true; }

    function update() {
      var mine = ++sequence;
      var query = input.value.trim();
      if (!queryWords(query).length) { close(); return; }
      search(query, {}, 5).then(function (run) {
        return documents(store.meta, run.hits.slice(0, 5)).then(function (docs) {
          if (mine !== sequence) return;
          list.textContent = '';
          docs.forEach(function (doc) { if (doc) list.appendChild(resultItem(store.meta, doc, run.terms, true)); });
          status.textContent = run.hits.length ? countText(run.hits.length, !run.complete) : text('none');
          var page = header.getAttribute('data-search-page');
          all.setAttribute('href', page + '?q=' + encodeURIComponent(query));
          all.textContent = text('all');
          all.hidden = run.complete && run.hits.length <= docs.length;
          panel.hidden = false;
        });
      }).catch(function () {
        status.textContent = text('error');
        panel.hidden = false;
      });
    }

    input.addEventListener('input', debounce(update, 150));
    input.addEventListener('focus', function () { loadMeta().catch(function () {}); });
    header.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') { close(); input.focus(); }
    });
    document.addEventListener('click', function (event) {
      if (!header.contains(event.target)) close();
    });
  }

  // For tests and the benchmark: the same lookup without the page.
  window.quorumSearch = {
    fold: fold,
    words: queryWords,
    href: href,
    search: search,
    /** A query's hits and the documents of the first `count` of them. */
    results: function (query, filters, count) {
      return search(query, filters || {}, count || 20).then(function (run) {
        return documents(store.meta, run.hits.slice(0, count || 20)).then(function (docs) {
          return { hits: run.hits, partial: run.partial, complete: run.complete, docs: docs };
        });
      });
    }
  };
})();
