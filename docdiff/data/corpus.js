// docdiff corpus report: sortable tables (click a header, or Enter on it). No network, no eval.
(function () {
  "use strict";
  function key(cell, numeric) {
    if (!cell) return numeric ? NaN : "";
    var v = cell.hasAttribute("data-v") ? cell.getAttribute("data-v") : cell.textContent;
    return numeric ? (v === "" ? NaN : parseFloat(v)) : v;
  }
  function sortBy(table, th, index) {
    var numeric = th.getAttribute("data-type") === "num";
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r1, r2) {
      var x = key(r1.cells[index], numeric), y = key(r2.cells[index], numeric);
      if (numeric) {  // empty cells last whichever way
        if (isNaN(x)) return isNaN(y) ? 0 : 1;
        if (isNaN(y)) return -1;
        return ascending ? x - y : y - x;
      }
      return ascending ? String(x).localeCompare(String(y), "zh") : String(y).localeCompare(String(x), "zh");
    });
    rows.forEach(function (r) { body.appendChild(r); });
    Array.prototype.forEach.call(th.parentNode.cells, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      if (!th.hasAttribute("data-type")) return;
      th.tabIndex = 0;
      th.addEventListener("click", function () { sortBy(table, th, index); });
      th.addEventListener("keydown", function (e) { if (e.key === "Enter") sortBy(table, th, index); });
    });
  });
  // A heatmap cell opens its pair in the copy index.
  Array.prototype.forEach.call(document.querySelectorAll("#heatmap a"), function (a) {
    a.addEventListener("click", function () {
      var target = document.getElementById(a.getAttribute("href").slice(1));
      if (target && target.tagName === "DETAILS") target.open = true;
    });
  });
})();
