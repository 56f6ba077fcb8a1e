// Counts per month as bars (drawn by the server as SVG). Click a bar or drag across
// bars to set the from/to dates: the page reloads with them, other filters kept.
// Month labels come from a JSON <script> block, never evaluated as code.
(function () {
  "use strict";
  var box = document.getElementById("histogram");
  var svg = document.getElementById("histogram-svg");
  var holder = document.getElementById("histogram-data");
  if (!box || !svg || !holder) { return; }
  var months = JSON.parse(holder.textContent);
  var brush = svg.querySelector("rect.brush");
  var start = null;
  var current = null;

  function indexAt(clientX) {
    var r = svg.getBoundingClientRect();
    var i = Math.floor((clientX - r.left) / r.width * months.length);
    return Math.max(0, Math.min(months.length - 1, i));
  }
  function show(a, b) {
    var lo = Math.min(a, b), hi = Math.max(a, b);
    brush.setAttribute("x", String(lo * 10));
    brush.setAttribute("width", String((hi - lo + 1) * 10));
  }
  function lastDay(month) {
    var parts = month.split("-");
    var d = new Date(Date.UTC(+parts[0], +parts[1], 0));
    return month + "-" + String(d.getUTCDate()).padStart(2, "0");
  }
  function go(a, b) {
    var lo = Math.min(a, b), hi = Math.max(a, b);
    var q = new URLSearchParams(box.getAttribute("data-qs") || "");
    q.set("from", months[lo] + "-01");
    q.set("to", lastDay(months[hi]));
    window.location.href = box.getAttribute("data-path") + "?" + q.toString();
  }
  svg.addEventListener("pointerdown", function (evt) {
    start = current = indexAt(evt.clientX);
    show(start, current);
    if (svg.setPointerCapture) { try { svg.setPointerCapture(evt.pointerId); } catch (e) { /* synthetic events */ } }
    evt.preventDefault();
  });
  svg.addEventListener("pointermove", function (evt) {
    if (start === null) { return; }
    current = indexAt(evt.clientX);
    show(start, current);
  });
  svg.addEventListener("pointerup", function (evt) {
    if (start === null) { return; }
    var a = start;
    start = null;
    go(a, indexAt(evt.clientX));
  });
  window.onrecordHistogram = { months: months, select: go };
})();
