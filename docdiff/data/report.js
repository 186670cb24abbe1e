/* docdiff HTML report behaviour: filter/sort/search targets, jump to text, views, keys. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("docdiff-data").textContent);
  var body = document.body;
  var tbody = document.querySelector("table.targets tbody");
  var rows = tbody ? Array.prototype.slice.call(tbody.rows) : [];
  var active = {};
  var query = "";
  var countEl = document.getElementById("tcount");
  var selected = null;
  var currentPair = -1;

  function fmt(s, vals) {
    return s.replace(/\{(\w+)\}/g, function (_, k) { return String(vals[k]); });
  }

  /* ---- filter and search ---- */
  Array.prototype.forEach.call(document.querySelectorAll("button.flt"), function (b) {
    active[b.getAttribute("data-status")] = b.getAttribute("aria-pressed") === "true";
    b.addEventListener("click", function () {
      var on = b.getAttribute("aria-pressed") !== "true";
      b.setAttribute("aria-pressed", on ? "true" : "false");
      active[b.getAttribute("data-status")] = on;
      applyFilter();
    });
  });
  var search = document.getElementById("tsearch");
  var folded = "";
  if (search) {
    search.addEventListener("input", function () {
      query = search.value.trim().toLowerCase();
      folded = foldQuery(query);
      applyFilter();
    });
  }
  // The query folded by the synonym table, as indicator keys are: GDP → 生产总值, R&D经费 → 研发经费.
  function foldQuery(q) {
    var syn = data.synonyms || [];
    for (var round = 0; round < 4; round++) {
      var before = q;
      for (var i = 0; i < syn.length; i++) {
        if (q.indexOf(syn[i][0]) >= 0) q = q.split(syn[i][0]).join(syn[i][1]);
      }
      if (q === before) break;
    }
    return q;
  }
  function matches(r) {
    if (!query) return true;
    var q = r.q.toLowerCase();
    return q.indexOf(query) >= 0 || (folded !== query && q.indexOf(folded) >= 0);
  }
  function applyFilter() {
    var shown = 0;
    rows.forEach(function (tr) {
      var r = data.rows[+tr.getAttribute("data-row")];
      var ok = active[r.s] !== false && matches(r);
      tr.hidden = !ok;
      if (ok) shown++;
    });
    if (countEl) countEl.textContent = fmt(data.text.shown, { n: shown, total: rows.length });
  }

  /* ---- sort by column ---- */
  function cmp(x, y) {
    if (x === y) return 0;
    if (x === null || x === undefined || x === "") return 1;  // empty cells last either way
    if (y === null || y === undefined || y === "") return -1;
    if (typeof x === "number" && typeof y === "number") return x - y;
    return String(x).localeCompare(String(y), "zh-Hans-CN");
  }
  Array.prototype.forEach.call(document.querySelectorAll("th button.sort"), function (btn) {
    btn.addEventListener("click", function () {
      var th = btn.parentNode, col = +btn.getAttribute("data-col");
      var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      Array.prototype.forEach.call(th.parentNode.children, function (h) { h.setAttribute("aria-sort", "none"); });
      th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
      var sorted = rows.slice().sort(function (p, q) {
        var kp = data.rows[+p.getAttribute("data-row")].k[col], kq = data.rows[+q.getAttribute("data-row")].k[col];
        var empty = function (v) { return v === null || v === undefined || v === ""; };
        if (empty(kp) !== empty(kq)) return empty(kp) ? 1 : -1;
        return dir * cmp(kp, kq) || (+p.getAttribute("data-row") - +q.getAttribute("data-row"));
      });
      sorted.forEach(function (tr) { tbody.appendChild(tr); });
      rows = sorted;
    });
  });

  /* ---- unified view, built on first use from the side-by-side runs ---- */
  var unifiedBuilt = false;
  function buildUnified() {
    if (unifiedBuilt) return;
    unifiedBuilt = true;
    Array.prototype.forEach.call(document.querySelectorAll("article.pair"), function (art) {
      var u = document.createElement("div");
      u.className = "uni";
      u.tabIndex = 0;
      var a = art.querySelector(".pane-a:not(.missing)"), b = art.querySelector(".pane-b:not(.missing)");
      var mode = art.getAttribute("data-u");
      var append = function (el) { u.appendChild(el.cloneNode(true)); };
      if (mode === "m" && a && b) {
        var ra = Array.prototype.slice.call(a.children), rb = Array.prototype.slice.call(b.children);
        var i = 0, j = 0;
        while (i < ra.length || j < rb.length) {  // runs carry their op index: interleave in op order
          var ia = i < ra.length ? +ra[i].getAttribute("data-i") : Infinity;
          var ib = j < rb.length ? +rb[j].getAttribute("data-i") : Infinity;
          if (ia === ib) {  // unchanged text: keep the side whose targets it marks (A when both do)
            var useB = !ra[i].querySelector("mark[data-t]") && rb[j].querySelector("mark[data-t]");
            append(useB ? rb[j] : ra[i]); i++; j++;
          } else if (ia < ib) { append(ra[i]); i++; } else { append(rb[j]); j++; }
        }
      } else {
        if (a && mode !== "b") Array.prototype.forEach.call(a.children, append);
        if (b && (mode === "b" || mode === "ab")) Array.prototype.forEach.call(b.children, append);
      }
      art.appendChild(u);
    });
  }
  function setView(unified) {
    if (unified) buildUnified();
    body.classList.toggle("unified", unified);
    document.getElementById("v-sbs").setAttribute("aria-pressed", unified ? "false" : "true");
    document.getElementById("v-uni").setAttribute("aria-pressed", unified ? "true" : "false");
  }
  bind("v-sbs", function () { setView(false); });
  bind("v-uni", function () { setView(true); });
  bind("only", function () {
    var btn = document.getElementById("only");
    var on = btn.getAttribute("aria-pressed") !== "true";
    btn.setAttribute("aria-pressed", on ? "true" : "false");
    body.classList.toggle("only-changed", on);
    if (on) Array.prototype.forEach.call(document.querySelectorAll("article.pin"), function (a) { a.classList.remove("pin"); });
  });
  function bind(id, fn) { var el = document.getElementById(id); if (el) el.addEventListener("click", fn); }

  /* ---- jump from a target row to both texts ---- */
  function centerIn(pane, el) {
    var pr = pane.getBoundingClientRect(), er = el.getBoundingClientRect();
    pane.scrollTop += (er.top - pr.top) - (pr.height - er.height) / 2;
  }
  function findMarks(pairIdx, id, side) {
    var art = document.getElementById("p" + pairIdx);
    if (!art) return null;
    var box = body.classList.contains("unified") ? art.querySelector(".uni") : art.querySelector(".pane-" + side);
    if (!box) return null;
    var sel = 'mark[data-t~="' + id.replace(/["\\]/g, "\\$&") + '"]';
    var marks = box.querySelectorAll(sel);
    return marks.length ? { art: art, box: box, marks: marks } : null;
  }
  function jump(tr) {
    var r = data.rows[+tr.getAttribute("data-row")];
    if (selected) selected.classList.remove("sel");
    selected = tr;
    tr.classList.add("sel");
    Array.prototype.forEach.call(document.querySelectorAll("mark.hl"), function (m) { m.classList.remove("hl"); });
    var hits = [];
    [["a", r.a, r.pa], ["b", r.b, r.pb]].forEach(function (x) {
      if (!x[1]) return;
      var art = document.getElementById("p" + x[2]);
      if (art && body.classList.contains("only-changed")) art.classList.add("pin");
      var h = findMarks(x[2], x[1], x[0]);
      if (h) { Array.prototype.forEach.call(h.marks, function (m) { m.classList.add("hl"); }); hits.push(h); }
    });
    if (!hits.length) { tr.title = data.text.noanchor; return; }
    if (back) back.hidden = false;
    hits[0].marks[0].scrollIntoView({ block: "center", inline: "nearest" });
    for (var k = 1; k < hits.length; k++) {
      // the second side: scroll only its own pane, so the first stays in view
      if (hits[k].box !== hits[0].box) centerIn(hits[k].box, hits[k].marks[0]);
    }
    currentPair = +hits[0].art.id.slice(1);
  }
  rows.forEach(function (tr) {
    tr.addEventListener("click", function () { jump(tr); });
    tr.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); jump(tr); }
      else if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        ev.preventDefault();
        var vis = rows.filter(function (x) { return !x.hidden; });
        var n = vis.indexOf(tr) + (ev.key === "ArrowDown" ? 1 : -1);
        if (n >= 0 && n < vis.length) vis[n].focus();
      }
    });
  });
  // a target in the text selects its row
  document.addEventListener("click", function (ev) {
    var m = ev.target.closest ? ev.target.closest("mark.tg[data-t]") : null;
    if (!m || !m.getAttribute("data-t")) return;
    var ids = m.getAttribute("data-t").split(" ");
    var tr = rows.filter(function (x) {
      var r = data.rows[+x.getAttribute("data-row")];
      return ids.indexOf(r.a) >= 0 || ids.indexOf(r.b) >= 0;
    })[0];
    if (!tr) return;
    if (selected) selected.classList.remove("sel");
    selected = tr;
    tr.classList.add("sel");
    Array.prototype.forEach.call(document.querySelectorAll("mark.hl"), function (x) { x.classList.remove("hl"); });
    // only the marks in the text: the legend's sample mark has no data-t
    Array.prototype.forEach.call(document.querySelectorAll("mark.tg[data-t]"), function (x) {
      var t = x.getAttribute("data-t").split(" ");
      var r = data.rows[+tr.getAttribute("data-row")];
      if (t.indexOf(r.a) >= 0 || t.indexOf(r.b) >= 0) x.classList.add("hl");
    });
    var wrap = tr.closest(".tablewrap");
    if (wrap) centerIn(wrap, tr);
  });

  /* ---- back from the text to the row jumped from: the button or Esc ---- */
  var back = document.getElementById("back");
  function goBack() {
    if (!selected) return false;
    var wrap = selected.closest(".tablewrap");
    selected.scrollIntoView({ block: "center", inline: "nearest" });
    if (wrap) centerIn(wrap, selected);
    selected.focus({ preventScroll: true });
    if (back) back.hidden = true;
    return true;
  }
  if (back) back.addEventListener("click", goBack);

  /* ---- j / k between changed sections ---- */
  function visibleChanged() {
    return data.changed.filter(function (i) {
      var a = document.getElementById("p" + i);
      return a && a.offsetParent !== null;
    });
  }
  function step(d) {
    var list = visibleChanged();
    if (!list.length) return;
    var pos = list.indexOf(currentPair);
    if (pos < 0) {  // start from what is on screen
      pos = d > 0 ? -1 : list.length;
      for (var n = 0; n < list.length; n++) {
        if (document.getElementById("p" + list[n]).getBoundingClientRect().top > 60) { pos = d > 0 ? n - 1 : n; break; }
      }
    }
    var next = list[Math.max(0, Math.min(list.length - 1, pos + d))];
    currentPair = next;
    var art = document.getElementById("p" + next);
    art.scrollIntoView({ block: "start" });
    var h = art.querySelector(".ph");
    if (h) h.focus({ preventScroll: true });
    markNav(next);
  }
  function markNav(i) {
    Array.prototype.forEach.call(document.querySelectorAll("nav.outline a.cur"), function (a) { a.classList.remove("cur"); });
    var a = document.querySelector('nav.outline a[data-pair="' + i + '"]');
    if (a) a.classList.add("cur");
  }
  bind("next", function () { step(1); });
  bind("prev", function () { step(-1); });
  Array.prototype.forEach.call(document.querySelectorAll("nav.outline a[data-pair]"), function (a) {
    a.addEventListener("click", function () { currentPair = +a.getAttribute("data-pair"); markNav(currentPair); });
  });
  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    if (ev.key === "Escape" && back && !back.hidden && goBack()) { ev.preventDefault(); return; }
    if (ev.altKey || ev.ctrlKey || ev.metaKey || (t && /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    if (ev.key === "j") { ev.preventDefault(); step(1); }
    else if (ev.key === "k") { ev.preventDefault(); step(-1); }
    else if (ev.key === "/" && search) { ev.preventDefault(); search.focus(); }
  });

  /* ---- the sidebar follows the reading position ---- */
  if ("IntersectionObserver" in window) {
    var seen = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) { if (e.isIntersecting) markNav(+e.target.id.slice(1)); });
    }, { rootMargin: "0px 0px -70% 0px" });  // the pair crossing the top 30% of the screen
    Array.prototype.forEach.call(document.querySelectorAll("article.pair"), function (a) { seen.observe(a); });
  }

  /* ---- print everything that is folded away ---- */
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.open = true; });
  });
  applyFilter();
})();
