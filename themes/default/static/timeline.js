/* quorum – the decision timeline filter (default theme).
 *
 * decisions.html renders a hidden <form id="timeline-filter"> with two <select>s (body,
 * organisation) and, for readers without JavaScript, a list of links to the bodies and
 * organisations (#timeline-browse). This script shows the form instead of the links and
 * hides the decision cards that do not match, and the months and years left empty. Cards
 * carry data-body="<body key>" and data-orgs="<org key> <org key> …".
 *
 * The filter is kept in the address (?body=…&org=…) so a filtered timeline can be linked
 * to and survives reloads. No framework, no network: works from file:// as well.
 */
(function () {
  'use strict';

  function init() {
    var form = document.getElementById('timeline-filter');
    var timeline = document.getElementById('timeline');
    if (!form || !timeline || !form.querySelector) return;

    var bodySelect = form.querySelector('select[name="body"]');
    var orgSelect = form.querySelector('select[name="org"]');
    var status = document.getElementById('filter-status');
    var browse = document.getElementById('timeline-browse');
    var reset = form.querySelector('button[type="reset"]');
    if (!bodySelect || !orgSelect || !status) return;

    var cards = [];
    Array.prototype.forEach.call(timeline.querySelectorAll('.decision-card'), function (card) {
      cards.push({
        item: card.closest('li') || card,
        body: card.getAttribute('data-body') || '',
        orgs: (card.getAttribute('data-orgs') || '').split(/\s+/).filter(Boolean)
      });
    });
    var months = Array.prototype.map.call(timeline.querySelectorAll('.timeline-month'), function (month) {
      var count = month.querySelector('.heading-count');
      return { el: month, count: count, text: count ? count.textContent : '' };
    });
    var years = Array.prototype.slice.call(timeline.querySelectorAll('.timeline-year'));

    function text(key) { return form.getAttribute('data-t-' + key) || ''; }
    function fill(template, values) {
      return template.replace(/\{(\w+)\}/g, function (all, name) {
        return name in values ? String(values[name]) : all;
      });
    }
    function matches(card, body, org) {
      return (!body || card.body === body) && (!org || card.orgs.indexOf(org) >= 0);
    }

    // Option labels get the number of decisions they would show, given the other filter;
    // options that would show none are disabled (unless selected).
    function label(option) {
      if (!option.hasAttribute('data-label')) option.setAttribute('data-label', option.textContent);
      return option.getAttribute('data-label');
    }
    function updateOptions(select, countFor) {
      Array.prototype.forEach.call(select.options, function (option) {
        if (!option.value) return;
        var n = countFor(option.value);
        option.textContent = label(option) + ' (' + n + ')';
        option.disabled = n === 0 && !option.selected;
      });
    }
    function count(body, org) {
      var n = 0;
      for (var i = 0; i < cards.length; i++) if (matches(cards[i], body, org)) n++;
      return n;
    }

    function apply(announce) {
      var body = bodySelect.value;
      var org = orgSelect.value;
      var filtered = Boolean(body || org);
      var shown = 0;
      cards.forEach(function (card) {
        var visible = matches(card, body, org);
        card.item.hidden = !visible;
        if (visible) shown++;
      });
      months.forEach(function (month) {
        var visible = month.el.querySelectorAll('.decision-card').length -
          month.el.querySelectorAll('li[hidden] .decision-card').length;
        month.el.hidden = visible === 0;
        if (month.count) {
          month.count.textContent = filtered
            ? visible + ' ' + (visible === 1 ? text('one') : text('other'))
            : month.text;
        }
      });
      years.forEach(function (year) {
        year.hidden = !year.querySelector('.timeline-month:not([hidden])');
      });
      updateOptions(bodySelect, function (value) { return count(value, org); });
      updateOptions(orgSelect, function (value) { return count(body, value); });

      var message = !filtered
        ? fill(text('all'), { total: cards.length })
        : shown === 0
          ? text('none')
          : fill(text('status'), { shown: shown, total: cards.length });
      // Only a change of text is announced by the live region.
      if (announce || status.textContent !== message) status.textContent = message;
      form.classList.toggle('is-filtered', filtered);
      if (reset) {
        // The reset button is only there while a filter is set; when it goes away with
        // the focus on it, the focus moves to the first list instead of the page's start.
        if (!filtered && document.activeElement === reset) bodySelect.focus();
        reset.hidden = !filtered;
      }
      remember(body, org);
    }

    // ?body=…&org=… in the address: read on load, written on change (when the browser lets
    // us: history.replaceState may refuse on file:// pages).
    function params() {
      var out = {};
      (window.location.search || '').replace(/^\?/, '').split('&').forEach(function (pair) {
        if (!pair) return;
        var i = pair.indexOf('=');
        var key = decodeURIComponent((i < 0 ? pair : pair.slice(0, i)).replace(/\+/g, ' '));
        out[key] = i < 0 ? '' : decodeURIComponent(pair.slice(i + 1).replace(/\+/g, ' '));
      });
      return out;
    }
    function remember(body, org) {
      if (!window.history || !window.history.replaceState) return;
      var query = [];
      if (body) query.push('body=' + encodeURIComponent(body));
      if (org) query.push('org=' + encodeURIComponent(org));
      var url = window.location.pathname + (query.length ? '?' + query.join('&') : '') + window.location.hash;
      if (url === window.location.pathname + window.location.search + window.location.hash) return;
      try {
        window.history.replaceState(window.history.state, '', url);
      } catch (e) {
        /* file:// in some browsers: the filter still works, it is just not in the address */
      }
    }
    function select(selectEl, value) {
      if (!value) return;
      for (var i = 0; i < selectEl.options.length; i++) {
        if (selectEl.options[i].value === value) {
          selectEl.value = value;
          return;
        }
      }
    }

    var initial = params();
    select(bodySelect, initial.body);
    select(orgSelect, initial.org);

    bodySelect.addEventListener('change', function () { apply(true); });
    orgSelect.addEventListener('change', function () { apply(true); });
    form.addEventListener('reset', function () {
      // The form's reset happens after this event: apply once the selects are back.
      window.setTimeout(function () { apply(true); }, 0);
    });
    form.addEventListener('submit', function (event) { event.preventDefault(); });

    form.hidden = false;
    if (browse) browse.hidden = true;
    apply(false);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
