// Timeline (stacked bars by QuadClass) and dyad chart (lines with alert markers), in plain SVG.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var QUAD = { "1": "#2a9d8f", "2": "#1b7f3b", "3": "#e9a23b", "4": "#c8362f" };
  var QUAD_NAME = { "1": "verbal cooperation", "2": "material cooperation", "3": "verbal conflict", "4": "material conflict" };

  function el(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(node);
    return node;
  }
  function text(parent, x, y, value, attrs) {
    var t = el("text", Object.assign({ x: x, y: y }, attrs || {}), parent);
    t.textContent = value;
    return t;
  }
  function svg(container, width, height) {
    var root = el("svg", { viewBox: "0 0 " + width + " " + height, role: "img" });
    container.appendChild(root);
    return root;
  }
  function readData() {
    var node = document.getElementById("chart-data");
    return node ? JSON.parse(node.textContent) : null;
  }

  function timeline(container, data) {
    var items = data.items || [];
    var W = 1000, H = 280, L = 40, B = 40, T = 10;
    var root = svg(container, W, H);
    if (!items.length) { text(root, W / 2, H / 2, "no dated events", { "text-anchor": "middle" }); return; }
    var max = Math.max.apply(null, items.map(function (b) { return b.events; })) || 1;
    var step = (W - L - 10) / items.length, bar = Math.max(2, step * 0.8);
    el("line", { x1: L, y1: H - B, x2: W - 5, y2: H - B, stroke: "#999" }, root);
    text(root, L - 6, T + 10, String(max), { "text-anchor": "end" });
    text(root, L - 6, H - B, "0", { "text-anchor": "end" });
    items.forEach(function (b, i) {
      var x = L + i * step, y = H - B;
      ["1", "2", "3", "4"].forEach(function (q) {
        var h = (b.by_quad[q] || 0) / max * (H - B - T);
        if (!h) return;
        y -= h;
        var r = el("rect", { x: x, y: y, width: bar, height: h, fill: QUAD[q], "class": "bar" }, root);
        var tip = el("title", {}, r);
        tip.textContent = b.period + ": " + b.by_quad[q] + " " + QUAD_NAME[q];
      });
      if (items.length <= 40 || i % Math.ceil(items.length / 20) === 0) {
        text(root, x + bar / 2, H - B + 14, b.period, { "text-anchor": "middle" });
      }
    });
    var lx = L;
    ["1", "2", "3", "4"].forEach(function (q) {
      el("rect", { x: lx, y: H - 14, width: 10, height: 10, fill: QUAD[q] }, root);
      text(root, lx + 14, H - 5, QUAD_NAME[q]);
      lx += 170;
    });
  }

  function periodsOf(series) {
    var set = {};
    (series.forward || []).concat(series.backward || []).forEach(function (b) { set[b.period] = true; });
    return Object.keys(set).sort();
  }

  function dyad(container, data) {
    var series = data.series || {}, tension = data.tension;
    var W = 1000, H = 300, L = 50, B = 40, T = 14;
    var root = svg(container, W, H);
    var lines = [], periods = periodsOf(series), alerts = [];
    if (tension && (tension.items || tension.series)) {
      var points = tension.items || tension.series;
      periods = points.map(function (p) { return p.period || p.date; });
      lines.push({ name: "tension " + (tension.actor || "") + " → " + (tension.recipient || ""), color: "#c8362f", values: points.map(function (p) {
        return p.tension !== undefined ? p.tension : (p.index !== undefined ? p.index : p.value);
      }) });
      alerts = (tension.alerts || []).map(function (a) { return a.week || a.period || a.date; });
    } else {
      var index = function (list) {
        var map = {};
        (list || []).forEach(function (b) { map[b.period] = b.goldstein; });
        return periods.map(function (p) { return map[p] || 0; });
      };
      lines.push({ name: (series.source || "") + " → " + (series.target || "") + " Goldstein sum", color: "#c8362f", values: index(series.forward) });
      lines.push({ name: (series.target || "") + " → " + (series.source || "") + " Goldstein sum", color: "#0b5cad", values: index(series.backward) });
    }
    if (!periods.length) { text(root, W / 2, H / 2, "no dated events for this dyad", { "text-anchor": "middle" }); return; }
    var all = [0];
    lines.forEach(function (l) { all = all.concat(l.values.filter(function (v) { return typeof v === "number"; })); });
    var min = Math.min.apply(null, all), max = Math.max.apply(null, all);
    if (min === max) { max += 1; min -= 1; }
    var x = function (i) { return L + (periods.length === 1 ? (W - L) / 2 : i * (W - L - 20) / (periods.length - 1)); };
    var y = function (v) { return T + (max - v) / (max - min) * (H - B - T); };
    el("line", { x1: L, y1: y(0), x2: W - 10, y2: y(0), stroke: "#999", "stroke-dasharray": "3 3" }, root);
    text(root, L - 6, y(max) + 4, String(Math.round(max * 10) / 10), { "text-anchor": "end" });
    text(root, L - 6, y(min) + 4, String(Math.round(min * 10) / 10), { "text-anchor": "end" });
    alerts.forEach(function (period) {
      var i = periods.indexOf(period);
      if (i < 0) return;
      var m = el("line", { x1: x(i), y1: T, x2: x(i), y2: H - B, stroke: "#ffb703", "stroke-width": 3, "class": "alert-marker" }, root);
      el("title", {}, m).textContent = "alert " + period;
    });
    lines.forEach(function (line, n) {
      var d = line.values.map(function (v, i) { return (i ? "L" : "M") + x(i) + " " + y(v || 0); }).join(" ");
      el("path", { d: d, fill: "none", stroke: line.color, "stroke-width": 2 }, root);
      line.values.forEach(function (v, i) {
        var c = el("circle", { cx: x(i), cy: y(v || 0), r: 3, fill: line.color }, root);
        el("title", {}, c).textContent = periods[i] + ": " + v;
      });
      el("rect", { x: L + n * 330, y: H - 14, width: 10, height: 10, fill: line.color }, root);
      text(root, L + n * 330 + 14, H - 5, line.name);
    });
    periods.forEach(function (p, i) {
      if (periods.length <= 20 || i % Math.ceil(periods.length / 15) === 0) {
        text(root, x(i), H - B + 14, p, { "text-anchor": "middle" });
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var data = readData();
    if (!data) return;
    var t = document.getElementById("timeline-chart");
    if (t) timeline(t, data);
    var d = document.getElementById("dyad-chart");
    if (d) dyad(d, data);
  });
})();
