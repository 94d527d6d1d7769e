/* partnet workshop page: ego highlight, filters, search, PNG export.
 * User text only ever reaches the document through textContent, option
 * text and canvas fillText; vis-network shows string titles with
 * innerText. Nothing here loads from the network. */
(function () {
  "use strict";

  var FADED_NODE = { background: "#ECECEC", border: "#D4D4D4",
                     highlight: { background: "#ECECEC", border: "#D4D4D4" },
                     hover: { background: "#ECECEC", border: "#D4D4D4" } };
  var FADED_EDGE = { color: "#E4E4E4", highlight: "#E4E4E4", hover: "#E4E4E4", opacity: 1 };
  var FADED_FONT_COLOUR = "#C4C4C4";

  function text(el, value) { el.textContent = value == null ? "" : String(value); return el; }
  function make(tag, cls, value) {
    var el = document.createElement(tag);
    if (cls) { el.className = cls; }
    if (value !== undefined) { text(el, value); }
    return el;
  }
  function fold(s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }

  function Page(root) {
    var self = this;
    var data = JSON.parse(root.querySelector("script.pn-data").textContent);
    this.root = root;
    this.data = data;
    this.people = data.people;
    this.egoId = null;
    this.filters = {};
    this.found = [];
    this.colouring = data.colouring;

    this.nodes = new vis.DataSet(data.nodes);
    this.edges = new vis.DataSet(data.edges);
    this.base = {};
    data.nodes.forEach(function (n) { self.base[n.id] = { color: n.color, font: n.font || {} }; });

    var container = root.querySelector(".pn-canvas");
    this.network = new vis.Network(container, { nodes: this.nodes, edges: this.edges }, data.options);
    this.network.on("beforeDrawing", function (ctx) {
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.fillStyle = "#FFFFFF";
      ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
      ctx.restore();
    });
    // Fit the whole network whenever the drawing area changes size (a
    // notebook frame laid out after the script ran, a resized window),
    // until the viewer zooms or pans themselves.
    this.viewTouched = false;
    this.network.on("zoom", function () { self.viewTouched = true; });
    this.network.on("dragEnd", function (params) { if (!params.nodes.length) { self.viewTouched = true; } });
    if (window.ResizeObserver) {
      new window.ResizeObserver(function () {
        if (!self.viewTouched) { self.fitAll(); }
      }).observe(container);
    }
    // Names are measured when first drawn: fit once more then, so that the
    // names at the edges are inside the view too.
    var measured = false;
    this.network.on("afterDrawing", function () {
      if (!measured) { measured = true; if (!self.viewTouched) { self.fitAll(); } }
    });
    this.network.on("click", function (params) {
      if (params.nodes.length) { self.highlight(params.nodes[0]); } else { self.clearHighlight(); }
    });
    this.network.on("dragEnd", function (params) {
      if (!params.nodes.length) { return; }
      var pos = self.network.getPositions(params.nodes);
      self.nodes.update(params.nodes.map(function (id) { return { id: id, x: pos[id].x, y: pos[id].y }; }));
    });

    root.querySelectorAll("select.pn-filter").forEach(function (sel) {
      sel.addEventListener("change", function () { self.filter(sel.getAttribute("data-facet"), sel.value); });
    });
    var search = root.querySelector("input.pn-search");
    var form = root.querySelector("form.pn-search-form");
    form.addEventListener("submit", function (ev) { ev.preventDefault(); self.search(search.value); });
    var colourSelect = root.querySelector("select.pn-colour");
    colourSelect.addEventListener("change", function () { self.colourBy(colourSelect.value); });
    root.querySelector("button.pn-reset").addEventListener("click", function () { self.reset(); });
    root.querySelector("button.pn-png").addEventListener("click", function () { self.savePng(); });
    root.querySelector("button.pn-side-toggle").addEventListener("click", function () { self.toggleSide(); });
    this.status(data.summary);
  }

  /* Show or hide the legend column (more room for the network on a projector). */
  Page.prototype.toggleSide = function () {
    var hidden = this.root.classList.toggle("pn-no-side");
    this.root.querySelector("button.pn-side-toggle").setAttribute("aria-pressed", hidden ? "false" : "true");
    return !hidden;
  };

  Page.prototype.status = function (message) {
    text(this.root.querySelector(".pn-status"), message);
  };

  Page.prototype.egoOf = function (id) {
    var ego = {};
    ego[id] = true;
    this.network.getConnectedNodes(id).forEach(function (v) { ego[v] = true; });
    return ego;
  };

  /* Highlight a person's ego network: the person, everyone they named or
   * were named by, and the ties among them; everything else is faded. */
  Page.prototype.highlight = function (id) {
    var self = this;
    if (!(id in this.people)) { return; }
    var ego = this.egoOf(id);
    this.egoId = id;
    this.egoSet = ego;
    this.nodes.update(this.nodes.getIds().map(function (v) {
      var b = self.base[v];
      return ego[v] ? { id: v, color: b.color, font: { color: b.font.color || "#111111" } }
                    : { id: v, color: FADED_NODE, font: { color: FADED_FONT_COLOUR } };
    }));
    this.edges.update(this.edges.get().map(function (e) {
      return (ego[e.from] && ego[e.to]) ? { id: e.id, color: self.data.edgeColour }
                                        : { id: e.id, color: FADED_EDGE };
    }));
    this.network.selectNodes([id], false);
    this.showDetails(id, Object.keys(ego).length - 1);
  };

  Page.prototype.clearHighlight = function () {
    var self = this;
    if (this.egoId === null) { return; }
    this.egoId = null;
    this.egoSet = null;
    this.nodes.update(this.nodes.getIds().map(function (v) {
      var b = self.base[v];
      return { id: v, color: b.color, font: { color: b.font.color || "#111111" } };
    }));
    this.edges.update(this.edges.getIds().map(function (e) { return { id: e, color: self.data.edgeColour }; }));
    this.network.unselectAll();
    this.showDetails(null);
  };

  /* The ids currently drawn in full colour (all when nothing is highlighted). */
  Page.prototype.highlighted = function () {
    var self = this;
    return this.nodes.getIds().filter(function (v) { return !self.egoSet || self.egoSet[v]; });
  };

  Page.prototype.showDetails = function (id, alters) {
    var box = this.root.querySelector(".pn-details");
    while (box.firstChild) { box.removeChild(box.firstChild); }
    if (id === null) { box.hidden = true; return; }
    var p = this.people[id];
    box.hidden = false;
    box.appendChild(make("h2", "", p.label));
    box.appendChild(make("p", "pn-where", p.role + " \u00b7 " + p.organisation + " (" + p.org_type + ")"));
    var flags = [];
    if (p.opinion_leader) { flags.push("opinion leader"); }
    if (p.boundary_spanner) { flags.push("boundary spanner"); }
    if (flags.length) { box.appendChild(make("p", "pn-flags", flags.join(" \u00b7 "))); }
    box.appendChild(make("p", "", "Ego network: " + alters + (alters === 1 ? " contact" : " contacts")));
    var dl = make("dl", "pn-measures");
    p.measures.forEach(function (m) { dl.appendChild(make("dt", "", m[0])); dl.appendChild(make("dd", "", m[1])); });
    box.appendChild(dl);
    if (p.quotes && p.quotes.length) {
      box.appendChild(make("h3", "", "In the interview"));
      p.quotes.forEach(function (q) {
        var fig = make("figure", "pn-quote");
        fig.appendChild(make("blockquote", "", q.text));
        fig.appendChild(make("figcaption", "", q.theme));
        box.appendChild(fig);
      });
    }
  };

  /* Recolour every node by another attribute and redraw the legend. */
  Page.prototype.colourBy = function (attr) {
    var self = this;
    var c = this.data.colourings[attr];
    if (!c) { return false; }
    this.colouring = attr;
    this.nodes.update(this.nodes.getIds().map(function (v) {
      var st = c.styles[v];
      var b = self.base[v];
      b.color = { background: st[0], border: b.color.border,
                  highlight: { background: st[0], border: "#000000" }, hover: { background: st[0], border: "#000000" } };
      var change = { id: v, shape: st[1] };
      if (!self.egoSet || self.egoSet[v]) { change.color = b.color; }
      return change;
    }));
    this.renderLegend();
    return true;
  };

  var SVG_NS = "http://www.w3.org/2000/svg";
  var SHAPE_POINTS = {
    triangle: "0,-10 -9.5,7.5 9.5,7.5", triangleDown: "0,10 -9.5,-7.5 9.5,-7.5", diamond: "0,-10 10,0 0,10 -10,0",
    star: "0,-10 2.4,-3.3 9.5,-3.1 3.8,1.2 5.9,8.1 0,4 -5.9,8.1 -3.8,1.2 -9.5,-3.1 -2.4,-3.3",
    hexagon: "0,-10 8.7,-5 8.7,5 0,10 -8.7,5 -8.7,-5"
  };

  function icon(shape, colour) {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("width", "22");
    svg.setAttribute("height", "22");
    svg.setAttribute("viewBox", "-12 -12 24 24");
    svg.setAttribute("aria-hidden", "true");
    var el;
    if (shape === "square") {
      el = document.createElementNS(SVG_NS, "rect");
      el.setAttribute("x", "-8.5"); el.setAttribute("y", "-8.5"); el.setAttribute("width", "17"); el.setAttribute("height", "17");
    } else if (SHAPE_POINTS[shape]) {
      el = document.createElementNS(SVG_NS, "polygon");
      el.setAttribute("points", SHAPE_POINTS[shape]);
    } else {
      el = document.createElementNS(SVG_NS, "circle");
      el.setAttribute("r", "9");
    }
    el.setAttribute("fill", colour);
    el.setAttribute("stroke", "#222222");
    el.setAttribute("stroke-width", "1.5");
    svg.appendChild(el);
    return svg;
  }

  Page.prototype.renderLegend = function () {
    var c = this.data.colourings[this.colouring];
    text(this.root.querySelector(".pn-legend-title"), c.title);
    var list = this.root.querySelector(".pn-legend-colours");
    while (list.firstChild) { list.removeChild(list.firstChild); }
    c.legend.forEach(function (item) {
      var li = make("li", "");
      li.appendChild(icon(item.shape, item.colour));
      li.appendChild(make("span", "", item.label));
      list.appendChild(li);
    });
  };

  Page.prototype.visibleIds = function () {
    return this.nodes.get({ filter: function (n) { return !n.hidden; } }).map(function (n) { return n.id; });
  };

  /* Show only the people whose facet (organisation, org_type, role) has the
   * chosen value; "" shows everyone. Facets combine with AND. */
  Page.prototype.filter = function (facet, value) {
    var self = this;
    if (value === "" || value == null) { delete this.filters[facet]; } else { this.filters[facet] = value; }
    var shown = {};
    var n = 0;
    this.nodes.update(this.nodes.getIds().map(function (v) {
      var p = self.people[v];
      var ok = Object.keys(self.filters).every(function (f) { return String(p[f]) === self.filters[f]; });
      if (ok) { shown[v] = true; n += 1; }
      return { id: v, hidden: !ok };
    }));
    this.edges.update(this.edges.get().map(function (e) { return { id: e.id, hidden: !(shown[e.from] && shown[e.to]) }; }));
    var total = this.nodes.length;
    this.status(Object.keys(this.filters).length ? "Showing " + n + " of " + total + " people" : this.data.summary);
    return n;
  };

  /* Find people whose shown name contains the query (case and accents ignored). */
  Page.prototype.search = function (query) {
    var q = fold(query);
    var self = this;
    if (!q) { this.found = []; this.network.unselectAll(); this.status(this.data.summary); return []; }
    var hits = Object.keys(this.people).filter(function (v) { return fold(self.people[v].label).indexOf(q) >= 0; })
      .map(Number);
    this.found = hits;
    if (!hits.length) { this.status("No one found for \u201c" + query + "\u201d"); return hits; }
    if (hits.length === 1) {
      this.highlight(hits[0]);
    } else {
      this.network.selectNodes(hits, false);
    }
    this.network.fit({ nodes: hits, maxZoomLevel: 1.2, animation: false });
    var names = hits.slice(0, 5).map(function (v) { return self.people[v].label; }).join(", ");
    var hidden = hits.filter(function (v) { return self.nodes.get(v).hidden; }).length;
    this.status("Found " + hits.length + ": " + names + (hits.length > 5 ? ", \u2026" : "") +
                (hidden ? " (" + hidden + " hidden by a filter)" : ""));
    return hits;
  };

  Page.prototype.reset = function () {
    var self = this;
    this.root.querySelectorAll("select.pn-filter").forEach(function (sel) { sel.value = ""; });
    this.root.querySelector("select.pn-colour").value = this.data.colouring;
    this.colourBy(this.data.colouring);
    this.root.querySelector("input.pn-search").value = "";
    this.filters = {};
    this.filter(null, "");
    this.clearHighlight();
    this.found = [];
    this.viewTouched = false;
    this.fitAll();
    this.status(self.data.summary);
  };

  // The whole network with its names in view, and a small margin round it.
  Page.prototype.fitAll = function () {
    this.network.fit({ animation: false });
    this.network.moveTo({ scale: this.network.getScale() * 0.96, animation: false });
  };

  function drawShape(ctx, shape, x, y, r) {
    ctx.beginPath();
    var i, a;
    if (shape === "square") {
      ctx.rect(x - r, y - r, 2 * r, 2 * r);
    } else if (shape === "triangle" || shape === "triangleDown") {
      var s = shape === "triangle" ? -1 : 1;
      ctx.moveTo(x, y + s * r);
      ctx.lineTo(x - r, y - s * r * 0.8);
      ctx.lineTo(x + r, y - s * r * 0.8);
      ctx.closePath();
    } else if (shape === "diamond") {
      ctx.moveTo(x, y - r); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r); ctx.lineTo(x - r, y); ctx.closePath();
    } else if (shape === "star" || shape === "hexagon") {
      var k = shape === "star" ? 10 : 6;
      for (i = 0; i < k; i++) {
        a = -Math.PI / 2 + i * 2 * Math.PI / k;
        var rr = shape === "star" && i % 2 ? r * 0.45 : r;
        if (i === 0) { ctx.moveTo(x + rr * Math.cos(a), y + rr * Math.sin(a)); }
        else { ctx.lineTo(x + rr * Math.cos(a), y + rr * Math.sin(a)); }
      }
      ctx.closePath();
    } else {
      ctx.arc(x, y, r, 0, 2 * Math.PI);
    }
  }

  function wrap(ctx, words, width) {
    var lines = [], line = "";
    String(words).split(/\s+/).forEach(function (w) {
      var next = line ? line + " " + w : w;
      if (line && ctx.measureText(next).width > width) { lines.push(line); line = w; } else { line = next; }
    });
    if (line) { lines.push(line); }
    return lines;
  }

  /* The current view (positions, filters, highlight) with title and legend as a PNG. */
  Page.prototype.pngDataUrl = function () {
    var src = this.root.querySelector(".pn-canvas canvas");
    var colouring = this.data.colourings[this.colouring];
    var ratio = window.devicePixelRatio || 1;
    var pad = 24 * ratio, line = 28 * ratio, font = 19 * ratio;
    var legendWidth = 440 * ratio, titleHeight = 52 * ratio, textWidth = legendWidth - 2 * pad;
    var out = document.createElement("canvas");
    var ctx = out.getContext("2d");
    var face = "px Arial, Helvetica, sans-serif";
    // Lay the legend out first: entries with a symbol, then wrapped notes.
    ctx.font = font + face;
    var rows = [{ text: colouring.title }];
    colouring.legend.forEach(function (item) {
      wrap(ctx, item.label, textWidth - 30 * ratio).forEach(function (t, k) {
        rows.push({ text: t, item: k === 0 ? item : null, indent: 30 * ratio });
      });
    });
    rows.push({ text: "" });
    this.data.notes.forEach(function (note) {
      wrap(ctx, note, textWidth).forEach(function (t) { rows.push({ text: t }); });
    });
    out.width = src.width + legendWidth;
    out.height = Math.max(src.height + titleHeight, titleHeight + pad * 2 + line * rows.length);
    ctx = out.getContext("2d");
    ctx.fillStyle = "#FFFFFF";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(src, 0, titleHeight);
    ctx.fillStyle = "#111111";
    ctx.textBaseline = "middle";
    ctx.font = "bold " + (26 * ratio) + face;
    wrap(ctx, this.data.title, out.width - 2 * pad).slice(0, 1).forEach(function (t) { ctx.fillText(t, pad, titleHeight / 2); });
    ctx.font = font + face;
    var x0 = src.width + pad, y = titleHeight + pad;
    rows.forEach(function (row) {
      if (row.item) {
        ctx.fillStyle = row.item.colour;
        ctx.strokeStyle = "#222222";
        ctx.lineWidth = 1.5 * ratio;
        drawShape(ctx, row.item.shape, x0 + 10 * ratio, y, 9 * ratio);
        ctx.fill();
        ctx.stroke();
      }
      ctx.fillStyle = "#111111";
      ctx.fillText(row.text, x0 + (row.indent || 0), y);
      y += line;
    });
    return out.toDataURL("image/png");
  };

  Page.prototype.savePng = function () {
    var a = document.createElement("a");
    a.download = this.data.pngName;
    a.href = this.pngDataUrl();
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
  };

  function start() {
    window.partnetPages = window.partnetPages || [];
    document.querySelectorAll("[data-partnet-page]").forEach(function (root) {
      if (root.partnetPage) { return; }
      root.partnetPage = new Page(root);
      window.partnetPages.push(root.partnetPage);
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
}());
