// Actor network: a small force-directed layout in plain SVG (fine for a few hundred actors).
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  function el(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(node);
    return node;
  }
  function colour(mean) {
    if (mean <= -3) return "#c8362f";
    if (mean < 0) return "#e9a23b";
    if (mean < 3) return "#8a9aa9";
    return "#1b7f3b";
  }
  function layout(nodes, edges, W, H) {
    var byId = {};
    nodes.forEach(function (n, i) {
      var a = 2 * Math.PI * i / nodes.length;
      n.x = W / 2 + Math.cos(a) * W / 3; n.y = H / 2 + Math.sin(a) * H / 3; n.vx = 0; n.vy = 0; byId[n.id] = n;
    });
    for (var step = 0; step < 300; step++) {
      var cool = 1 - step / 300;
      for (var i = 0; i < nodes.length; i++) {
        for (var j = i + 1; j < nodes.length; j++) {
          var a = nodes[i], b = nodes[j], dx = a.x - b.x, dy = a.y - b.y, d2 = dx * dx + dy * dy + 0.01;
          var f = 4000 / d2;
          a.vx += dx * f / Math.sqrt(d2); a.vy += dy * f / Math.sqrt(d2);
          b.vx -= dx * f / Math.sqrt(d2); b.vy -= dy * f / Math.sqrt(d2);
        }
      }
      edges.forEach(function (e) {
        var s = byId[e.source], t = byId[e.target];
        if (!s || !t) return;
        var dx = t.x - s.x, dy = t.y - s.y, d = Math.sqrt(dx * dx + dy * dy) + 0.01, f = (d - 120) * 0.02;
        s.vx += dx / d * f; s.vy += dy / d * f; t.vx -= dx / d * f; t.vy -= dy / d * f;
      });
      nodes.forEach(function (n) {
        n.vx += (W / 2 - n.x) * 0.005; n.vy += (H / 2 - n.y) * 0.005;
        n.x = Math.min(W - 30, Math.max(30, n.x + n.vx * cool)); n.y = Math.min(H - 20, Math.max(20, n.y + n.vy * cool));
        n.vx *= 0.5; n.vy *= 0.5;
      });
    }
    return byId;
  }
  document.addEventListener("DOMContentLoaded", function () {
    var container = document.getElementById("network");
    var node = document.getElementById("network-data");
    if (!container || !node) return;
    var data = JSON.parse(node.textContent);
    var W = 1000, H = 560;
    var root = el("svg", { viewBox: "0 0 " + W + " " + H, role: "img" });
    container.appendChild(root);
    var nodes = data.nodes.slice(0, 150), edges = data.edges;
    if (!nodes.length) {
      var t = el("text", { x: W / 2, y: H / 2, "text-anchor": "middle" }, root);
      t.textContent = "no actor pairs yet";
      return;
    }
    var byId = layout(nodes, edges, W, H);
    var defs = el("defs", {}, root);
    var marker = el("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 16, refY: 5, markerWidth: 6, markerHeight: 6, orient: "auto" }, defs);
    el("path", { d: "M0 0L10 5L0 10z", fill: "#666" }, marker);
    edges.forEach(function (e) {
      var s = byId[e.source], t = byId[e.target];
      if (!s || !t) return;
      var line = el("line", { x1: s.x, y1: s.y, x2: t.x, y2: t.y, stroke: colour(e.goldstein / e.events),
        "stroke-width": Math.min(8, 1 + Math.log(1 + e.events) * 1.5), "marker-end": "url(#arrow)", "stroke-opacity": 0.75 }, root);
      el("title", {}, line).textContent = e.source + " → " + e.target + ": " + e.events + " events, Goldstein " + e.goldstein;
    });
    nodes.forEach(function (n) {
      var g = el("g", { "class": "node" }, root);
      var c = el("circle", { cx: n.x, cy: n.y, r: Math.min(18, 4 + Math.sqrt(n.events) * 2), fill: "#14213d", "fill-opacity": 0.85 }, g);
      el("title", {}, c).textContent = n.name + " (" + n.events + ")";
      var label = el("text", { x: n.x + 8, y: n.y - 8 }, g);
      label.textContent = n.id;
    });
  });
})();
