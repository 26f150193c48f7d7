// Map of located events: country borders from the vendored Natural Earth TopoJSON, equirectangular
// projection, one circle per event sized by location precision. No tiles, no network.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var QUAD = { 1: "#2a9d8f", 2: "#1b7f3b", 3: "#e9a23b", 4: "#c8362f" };
  var RADIUS = { 1: 3, 2: 6, 3: 10 };
  var W = 1000, H = 500;

  function el(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(node);
    return node;
  }
  function project(lon, lat) { return [(lon + 180) / 360 * W, (90 - lat) / 180 * H]; }

  function ringPath(ring) {
    var d = "", prev = null;
    ring.forEach(function (pt, i) {
      var p = project(pt[0], pt[1]);
      // a jump across the antimeridian starts a new sub-path instead of a line across the map
      var jump = prev && Math.abs(p[0] - prev[0]) > W / 2;
      d += (i === 0 || jump ? "M" : "L") + p[0].toFixed(1) + " " + p[1].toFixed(1);
      prev = p;
    });
    return d + "Z";
  }
  function geometryPath(g) {
    if (!g) return "";
    var polys = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
    return polys.map(function (poly) { return poly.map(ringPath).join(""); }).join("");
  }

  function draw(container, world, points) {
    var root = el("svg", { viewBox: "0 0 " + W + " " + H, role: "img", id: "map-svg" });
    container.appendChild(root);
    var layer = el("g", {}, root);
    if (world && window.topojson) {
      var countries = window.topojson.feature(world, world.objects.countries).features;
      countries.forEach(function (f) {
        var path = el("path", { d: geometryPath(f.geometry), "class": "country" }, layer);
        el("title", {}, path).textContent = (f.properties && f.properties.name) || "";
      });
    }
    var dots = el("g", { "class": "events" }, root);
    points.forEach(function (p) {
      var xy = project(p.lon, p.lat);
      var c = el("circle", { cx: xy[0], cy: xy[1], r: RADIUS[p.precision] || 4, fill: QUAD[p.quad_class] || "#666",
        "fill-opacity": 0.55, stroke: "#222", "stroke-width": 0.5, "class": "event-dot", "data-event-id": p.id }, dots);
      el("title", {}, c).textContent = (p.date || "undated") + " " + p.event + " · " + (p.place || "") +
        " · precision " + (p.precision || "?") + (p.dead ? " · dead " + p.dead : "");
      c.addEventListener("click", function () { window.location.href = "/events/" + encodeURIComponent(p.id); });
    });
    if (points.length) {
      // zoom to the events with some margin
      var xs = points.map(function (p) { return project(p.lon, p.lat)[0]; });
      var ys = points.map(function (p) { return project(p.lon, p.lat)[1]; });
      var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs);
      var y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
      var w = Math.max(x1 - x0, 60) * 1.6, h = Math.max(y1 - y0, 30) * 1.6;
      if (w / h > 2) h = w / 2; else w = h * 2;
      root.setAttribute("viewBox", [(x0 + x1) / 2 - w / 2, (y0 + y1) / 2 - h / 2, w, h].join(" "));
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var container = document.getElementById("map");
    if (!container) return;
    var points = JSON.parse(document.getElementById("map-data").textContent || "[]");
    fetch(container.getAttribute("data-borders"))
      .then(function (r) { return r.ok ? r.json() : null; })
      .catch(function () { return null; })
      .then(function (world) { draw(container, world, points); });
  });
})();
