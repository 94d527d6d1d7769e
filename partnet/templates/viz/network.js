/* partnet workshop page: focus on a group or a person, a tie-value slider,
 * an organisation view, text and dot sizes, and the picture as a PNG.
 * User text only ever reaches the document through textContent, option
 * text and canvas fillText; vis-network shows string titles with
 * innerText. Nothing here loads from the network.
 *
 * window.partnet (the first page of the document) is the page's test hook:
 *   focus(kind, value)  kind "organisation" | "org_type" | "role" | "person",
 *                       value the name as the page shows it; returns the
 *                       focus in words, or null when no one matches
 *   reset()             everyone, every tie, the whole network in view
 *   visible()           {people: [shown names], ties: [[from, to], ...]}:
 *                       the people and ties drawn in full colour, one entry
 *                       per arc of a directed relation (a mutual tie is
 *                       two), one per pair of an undirected one
 *   setMinimum(value)   the tie-value slider, as a viewer would move it
 *   showOrganisations(on), selection(), page */
(function () {
  "use strict";

  var FADED_NODE = { background: "#ECECEC", border: "#D4D4D4",
                     highlight: { background: "#ECECEC", border: "#D4D4D4" },
                     hover: { background: "#ECECEC", border: "#D4D4D4" } };
  var FADED_EDGE = { color: "#E4E4E4", highlight: "#E4E4E4", hover: "#E4E4E4", opacity: 1 };
  var FADED_FONT_COLOUR = "#C4C4C4";
  var FONT_COLOUR = "#111111";
  var ORG_FOCUS_EDGE = { color: "#444444", highlight: "#222222", hover: "#222222", opacity: 1 };
  var KINDS = { organisation: "organisation", org_type: "organisation type", role: "role", person: "person" };

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
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }
  function capital(s) { s = String(s); return s.charAt(0).toUpperCase() + s.slice(1); }

  function Page(root) {
    var self = this;
    var data = JSON.parse(root.querySelector("script.pn-data").textContent);
    this.root = root;
    this.data = data;
    this.people = data.people;
    this.directed = !!(data.options.edges && data.options.edges.arrows && data.options.edges.arrows.to.enabled);
    this.arrow = this.directed ? " \u2192 " : " \u2013 ";
    this.focused = null;          // {kind, value, members: {id: true}, edge: id or undefined}
    this.absent = {};             // people not in the view shown (a wave page sets it)
    this.found = [];
    this.colouring = data.colouring;
    this.minimum = data.scale ? data.scale.min : null;
    this.textPx = null;           // null: fitted (labels at least data.minTextPx when the whole network is in view)
    this.nodeScale = 1;
    this.baseFont = data.options.nodes.font.size;
    this.byLabel = {};
    Object.keys(this.people).forEach(function (id) { self.byLabel[self.people[id].label] = Number(id); });

    this.nodes = new vis.DataSet(data.nodes);
    this.edges = new vis.DataSet(data.edges);
    this.base = {};
    data.nodes.forEach(function (n) { self.base[n.id] = { color: n.color, size: n.size }; });

    var container = root.querySelector(".pn-canvas");
    this.container = container;
    this.network = new vis.Network(container, { nodes: this.nodes, edges: this.edges }, data.options);
    whiteBackground(this.network);
    // Fit the whole network whenever the drawing area changes size (a
    // notebook frame laid out after the script ran, a resized window),
    // until the viewer zooms or pans themselves.
    this.viewTouched = false;
    this.network.on("zoom", function () { self.viewTouched = true; });
    this.network.on("dragEnd", function (params) { if (!params.nodes.length) { self.viewTouched = true; } });
    if (window.ResizeObserver) {
      new window.ResizeObserver(function () {
        if (!self.viewTouched && !self.orgsShown()) { self.fitAll(); }
      }).observe(container);
    }
    fitWhenMeasured(this.network, function () { return self.viewTouched; }, function () { self.fitAll(); });
    this.network.on("click", function (params) {
      if (params.nodes.length) { self.highlight(params.nodes[0]); }
      else if (params.edges.length) { self.focusTie(params.edges[0]); }
      else { self.clearFocus(); }
    });
    this.network.on("dragEnd", function (params) {
      if (!params.nodes.length) { return; }
      var pos = self.network.getPositions(params.nodes);
      self.nodes.update(params.nodes.map(function (id) { return { id: id, x: pos[id].x, y: pos[id].y }; }));
    });

    root.querySelectorAll("select.pn-filter").forEach(function (sel) {
      sel.addEventListener("change", function () {
        if (sel.value === "") { self.clearFocus(); } else { self.focus(sel.getAttribute("data-facet"), sel.value); }
      });
    });
    // Enter in the box or the Find button (not the form's submit, which a sandboxed notebook frame never fires).
    var search = root.querySelector("input.pn-search");
    root.querySelector("form.pn-search-form").addEventListener("submit", function (ev) { ev.preventDefault(); });
    search.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") { ev.preventDefault(); self.search(search.value); }
    });
    root.querySelector("button.pn-find").addEventListener("click", function (ev) {
      ev.preventDefault();
      self.search(search.value);
    });
    var colourSelect = root.querySelector("select.pn-colour");
    colourSelect.addEventListener("change", function () { self.colourBy(colourSelect.value); });
    var slider = root.querySelector("input.pn-freq");
    if (slider) { slider.addEventListener("input", function () { self.setMinimum(Number(slider.value)); }); }
    var textSize = root.querySelector("input.pn-text-size");
    textSize.addEventListener("input", function () { self.setTextSize(Number(textSize.value)); });
    var nodeSize = root.querySelector("input.pn-node-size");
    nodeSize.addEventListener("input", function () { self.setNodeScale(Number(nodeSize.value) / 100); });
    root.querySelector("button.pn-reset").addEventListener("click", function () { self.reset(); });
    root.querySelector("button.pn-png").addEventListener("click", function () { self.savePng(); });
    root.querySelector("button.pn-side-toggle").addEventListener("click", function () { self.toggleSide(); });
    var people = root.querySelector("button.pn-view-people");
    var orgs = root.querySelector("button.pn-view-orgs");
    if (people && orgs) {
      people.addEventListener("click", function () { self.showOrganisations(false); });
      orgs.addEventListener("click", function () { self.showOrganisations(true); });
    }
    this.orgView = null;
    this.selected = { type: "network", target: data.title };
    this.paint();
  }

  /* A dot's colour: its fill and border, black when highlighted or hovered. */
  function colourOf(fill, border) {
    return { background: fill, border: border || "#333333", highlight: { background: fill, border: "#000000" },
             hover: { background: fill, border: "#000000" } };
  }

  /* Names are measured when first drawn: fit once more then (unless the viewer has moved the view), so that
   * the names at the edges are inside the view too. */
  function fitWhenMeasured(network, touched, fit) {
    var measured = false;
    network.on("afterDrawing", function () {
      if (!measured) { measured = true; if (!touched()) { fit(); } }
    });
  }

  function whiteBackground(network) {
    network.on("beforeDrawing", function (ctx) {
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.fillStyle = "#FFFFFF";
      ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
      ctx.restore();
    });
  }

  /* ------------------------------------------------------------ state */

  Page.prototype.label = function (id) { return this.people[id].label; };

  /* A tie the slider hides: its value is below the minimum chosen. */
  Page.prototype.tieHidden = function (e) {
    return this.minimum !== null && e.freq !== null && e.freq !== undefined && e.freq < this.minimum;
  };

  /* The colour a tie has when nothing fades it (a wave page colours new and lost ties). */
  Page.prototype.edgeColourOf = function () { return this.data.edgeColour; };

  /* The ties shown (not hidden by the slider), with both ends in the view shown. */
  Page.prototype.shownTies = function () {
    var self = this;
    return this.edges.get().filter(function (e) {
      return !self.tieHidden(e) && !self.absent[e.from] && !self.absent[e.to];
    });
  };

  /* What the focus draws in full colour: {people: {id: true}, ties: {edge id: true}}, or null with no focus. */
  Page.prototype.inFocus = function () {
    var f = this.focused;
    if (!f) { return null; }
    var people = {}, ties = {};
    Object.keys(f.members).forEach(function (id) { people[id] = true; });
    this.shownTies().forEach(function (e) {
      if (f.edge !== undefined ? e.id === f.edge : (f.members[e.from] || f.members[e.to])) {
        ties[e.id] = true;
        people[e.from] = true;
        people[e.to] = true;
      }
    });
    return { people: people, ties: ties };
  };

  /* Colours, fading and hidden ties for the focus, the slider, the colouring and the view shown. */
  Page.prototype.paint = function () {
    var self = this;
    var on = this.inFocus();
    this.focusSet = on ? on.people : null;
    this.nodes.update(this.nodes.getIds().map(function (v) {
      var dim = self.absent[v] || (on && !on.people[v]);
      return { id: v, color: dim ? FADED_NODE : self.base[v].color,
               font: { color: dim ? FADED_FONT_COLOUR : FONT_COLOUR } };
    }));
    this.edges.update(this.edges.get().map(function (e) {
      var hidden = self.tieHidden(e);
      return { id: e.id, hidden: hidden,
               color: (on && !on.ties[e.id]) ? FADED_EDGE : self.edgeColourOf(e) };
    }));
    if (this.orgView) { this.orgView.update(); }
    this.describe();
  };

  /* The status line and the focus in words. */
  Page.prototype.describe = function () {
    var words = this.focused ? this.focusWords() : this.summaryWords();
    text(this.root.querySelector(".pn-status"), words);
    var box = this.root.querySelector(".pn-summary");
    if (this.focused) { text(box, words); box.hidden = false; } else { text(box, ""); box.hidden = true; }
  };

  Page.prototype.minimumWords = function () {
    var s = this.data.scale;
    if (!s || this.minimum === null || this.minimum <= s.min) { return ""; }
    var step = s.steps.filter(function (x) { return x.value === this.minimum; }, this)[0];
    return step ? step.words : "";
  };

  Page.prototype.summaryWords = function () {
    var extra = this.minimumWords();
    if (!extra) { return this.data.summary; }
    var everyone = this.nodes.length - Object.keys(this.absent).length;
    return plural(everyone, "person", "people") + ", " + this.shownTies().length + " of " +
      plural(this.allTies(), "tie", "ties") + " (" + extra + ")";
  };

  Page.prototype.allTies = function () {
    var self = this;
    return this.edges.get().filter(function (e) { return !self.absent[e.from] && !self.absent[e.to]; }).length;
  };

  Page.prototype.focusWords = function () {
    var self = this, f = this.focused;
    var extra = this.minimumWords();
    var tail = extra ? " (ties " + extra + ")" : "";
    var ties = this.shownTies();
    if (f.edge !== undefined) {
      var e = this.edges.get(f.edge);
      return e && e.title ? e.title : this.label(e.from) + this.arrow + this.label(e.to);
    }
    var members = Object.keys(f.members);
    var inside = 0, across = 0, others = {}, orgs = {};
    ties.forEach(function (e) {
      var a = !!f.members[e.from], b = !!f.members[e.to];
      if (a && b) { inside += 1; }
      else if (a || b) {
        across += 1;
        var other = a ? e.to : e.from;
        others[other] = true;
        orgs[self.people[other].organisation] = true;
      }
    });
    var nOthers = Object.keys(others).length, nOrgs = Object.keys(orgs).length;
    if (f.kind === "person") {
      var p = this.people[members[0]];
      var out = 0, into = 0;
      ties.forEach(function (e) { if (f.members[e.from]) { out += 1; } if (f.members[e.to]) { into += 1; } });
      var line = p.label + ": " + plural(across, "tie", "ties") + " with " + plural(nOthers, "person", "people") +
        " in " + plural(nOrgs, "organisation", "organisations");
      if (this.directed) { line += " (named " + out + ", named by " + into + ")"; }
      return line + tail;
    }
    var head = (f.kind === "organisation" ? f.value : capital(f.value)) + ": " + plural(members.length, "person", "people");
    if (f.kind !== "organisation") {
      var theirs = {};
      members.forEach(function (id) { theirs[self.people[id].organisation] = true; });
      head += " in " + plural(Object.keys(theirs).length, "organisation", "organisations");
    }
    head += ", " + plural(inside, "tie", "ties") + " among them, " + plural(across, "tie", "ties") + " with ";
    if (f.kind === "organisation") {
      delete orgs[f.value];
      head += plural(Object.keys(orgs).length, "other organisation", "other organisations");
    } else {
      head += plural(nOthers, "other person", "other people");
    }
    return head + tail;
  };

  /* ------------------------------------------------------------ focus */

  Page.prototype.select = function (selection) {
    this.selected = selection;
    var ev;
    try {
      ev = new CustomEvent("partnet:selection", { detail: selection });
    } catch (err) {
      ev = document.createEvent("CustomEvent");
      ev.initCustomEvent("partnet:selection", false, false, selection);
    }
    this.root.dispatchEvent(ev);
  };

  /* What a note would be about now: the person or tie focused, the organisation, or the whole network. */
  Page.prototype.selection = function () {
    var s = this.selected;
    var copy = { type: s.type, target: s.target };
    if (s.type === "tie") { copy.from = s.from; copy.to = s.to; }
    return copy;
  };

  /* The wave view shown, in words ("" on a page of one network). */
  Page.prototype.viewLabel = function () { return ""; };

  Page.prototype.membersOf = function (kind, value) {
    var self = this, members = {}, n = 0;
    Object.keys(this.people).forEach(function (id) {
      var p = self.people[id];
      var v = kind === "person" ? p.label : p[kind];
      if (String(v) === String(value) && !self.absent[id]) { members[id] = true; n += 1; }
    });
    return n ? members : null;
  };

  /* Focus on an organisation, organisation type, role or person: them, all their ties and the people at the
   * other end in full colour, everyone else faded. */
  Page.prototype.focus = function (kind, value) {
    if (!KINDS[kind]) { return null; }
    var members = this.membersOf(kind, value);
    var self = this;
    this.root.querySelectorAll("select.pn-filter").forEach(function (sel) {
      sel.value = sel.getAttribute("data-facet") === kind ? String(value) : "";
    });
    if (!members) {
      this.focused = null;
      this.paint();
      text(this.root.querySelector(".pn-status"), "No one in this view has " + KINDS[kind] + " \u201c" + value + "\u201d");
      return null;
    }
    this.focused = { kind: kind, value: String(value), members: members };
    var ids = Object.keys(members).map(Number);
    if (kind === "person") {
      this.network.selectNodes(ids, false);
      this.select({ type: "person", target: String(value) });
      this.showDetails(ids[0]);
    } else {
      this.network.unselectAll();
      this.select(kind === "organisation" ? { type: "organisation", target: String(value) }
                                          : { type: "network", target: self.data.title });
      this.showDetails(null);
    }
    this.paint();
    return this.focusWords();
  };

  /* A person by page id: the click on a dot (and the wave page's redraw of the focus). */
  Page.prototype.highlight = function (id) {
    if (!(id in this.people)) { return null; }
    return this.focus("person", this.people[id].label);
  };

  Page.prototype.focusTie = function (edgeId) {
    var e = this.edges.get(edgeId);
    if (!e) { return null; }
    var members = {};
    members[e.from] = true;
    members[e.to] = true;
    this.focused = { kind: "tie", value: "", members: members, edge: e.id };
    var from = this.label(e.from), to = this.label(e.to);
    this.network.unselectAll();
    this.showDetails(null);
    this.select({ type: "tie", target: from + this.arrow + to, from: from, to: to });
    this.paint();
    return this.focusWords();
  };

  Page.prototype.clearFocus = function () {
    this.focused = null;
    this.root.querySelectorAll("select.pn-filter").forEach(function (sel) { sel.value = ""; });
    this.network.unselectAll();
    this.showDetails(null);
    this.select({ type: "network", target: this.data.title });
    this.paint();
  };
  Page.prototype.clearHighlight = Page.prototype.clearFocus;

  /* The page ids drawn in full colour (everyone in the view when nothing is focused). */
  Page.prototype.highlighted = function () {
    var self = this;
    var on = this.inFocus();
    return this.nodes.getIds().filter(function (v) { return !self.absent[v] && (!on || on.people[v]); });
  };

  Page.prototype.visible = function () {
    var self = this;
    var on = this.inFocus();
    return {
      people: this.highlighted().map(function (v) { return self.label(v); }),
      ties: this.shownTies().filter(function (e) { return !on || on.ties[e.id]; })
        .map(function (e) { return [self.label(e.from), self.label(e.to)]; })
    };
  };

  Page.prototype.showDetails = function (id) {
    var box = this.root.querySelector(".pn-details");
    while (box.firstChild) { box.removeChild(box.firstChild); }
    if (id === null || id === undefined) { box.hidden = true; return; }
    var p = this.people[id];
    box.hidden = false;
    box.appendChild(make("h2", "", p.label));
    box.appendChild(make("p", "pn-where", p.role + " \u00b7 " + p.organisation + " (" + p.org_type + ")"));
    var flags = [];
    if (p.opinion_leader) { flags.push("opinion leader"); }
    if (p.boundary_spanner) { flags.push("boundary spanner"); }
    if (flags.length) { box.appendChild(make("p", "pn-flags", flags.join(" \u00b7 "))); }
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

  /* ------------------------------------------------------------ controls */

  /* Show or hide the panel on the right (more room for the network on a projector). */
  Page.prototype.toggleSide = function () {
    var hidden = this.root.classList.toggle("pn-no-side");
    this.root.querySelector("button.pn-side-toggle").setAttribute("aria-pressed", hidden ? "false" : "true");
    return !hidden;
  };

  /* Hide the ties below a value of the relation's scale (the slider); the people stay. */
  Page.prototype.setMinimum = function (value) {
    var s = this.data.scale;
    if (!s) { return false; }
    value = Math.max(s.min, Math.min(s.max, Math.round(Number(value))));
    if (isNaN(value)) { return false; }
    this.minimum = value;
    var slider = this.root.querySelector("input.pn-freq");
    slider.value = String(value);
    var step = s.steps.filter(function (x) { return x.value === value; })[0];
    text(this.root.querySelector("output.pn-freq-words"),
         value <= s.min && s.min <= 1 ? "every tie" : (step ? step.words : String(value)));
    this.paint();
    return true;
  };

  /* Recolour every person by another attribute and redraw the legend. */
  Page.prototype.colourBy = function (attr) {
    var self = this;
    var c = this.data.colourings[attr];
    if (!c) { return false; }
    this.colouring = attr;
    this.nodes.update(this.nodes.getIds().map(function (v) {
      var st = c.styles[v];
      var b = self.base[v];
      b.color = colourOf(st[0], b.color.border);
      return { id: v, shape: st[1] };
    }));
    this.root.querySelector("select.pn-colour").value = attr;
    this.renderLegend();
    this.paint();
    return true;
  };

  /* Labels of this many pixels when the whole network is in view (null: fitted, at least data.minTextPx). */
  Page.prototype.setTextSize = function (px) {
    this.textPx = px === null ? null : Math.max(8, Math.min(60, Number(px)));
    text(this.root.querySelector("output.pn-text-words"), this.textPx === null ? "fitted" : this.textPx + " px");
    this.fitAll();
    if (this.orgView) { this.orgView.fit(); }
  };

  /* Every dot this many times its size (the slider, 40% to 250%). */
  Page.prototype.setNodeScale = function (factor) {
    var self = this;
    this.nodeScale = Math.max(0.2, Math.min(4, Number(factor)));
    text(this.root.querySelector("output.pn-node-words"), Math.round(this.nodeScale * 100) + "%");
    this.nodes.update(this.nodes.getIds().map(function (v) {
      return { id: v, size: self.base[v].size * self.nodeScale };
    }));
    if (this.orgView) { this.orgView.resize(); }
  };

  /* New base sizes of the dots (a wave page's view), drawn at the dot-size slider's scale. */
  Page.prototype.setSizes = function (sizes) {
    var self = this;
    Object.keys(sizes).forEach(function (v) { self.base[v].size = sizes[v]; });
    this.setNodeScale(this.nodeScale);
  };

  /* The label size, in the drawing's units, that shows as `px` screen pixels at `scale`. */
  Page.prototype.fontFor = function (scale) {
    if (this.textPx !== null) { return this.textPx / scale; }
    return Math.max(this.baseFont, this.data.minTextPx / scale);
  };

  Page.prototype.svgIcon = icon;

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
    var note = this.root.querySelector(".pn-shape-note");
    if (note) {
      note.hidden = !c.shapeNote;
      text(note.querySelector("span"), c.shapeNote || "");
    }
  };

  /* Find people whose shown name contains the query (case and accents ignored); one found is focused. */
  Page.prototype.search = function (query) {
    var q = fold(query);
    var self = this;
    if (!q) { this.found = []; this.network.unselectAll(); this.describe(); return []; }
    var hits = Object.keys(this.people).filter(function (v) { return fold(self.people[v].label).indexOf(q) >= 0; })
      .map(Number);
    this.found = hits;
    if (!hits.length) { text(this.root.querySelector(".pn-status"), "No one found for \u201c" + query + "\u201d"); return hits; }
    if (this.orgsShown()) { this.showOrganisations(false); }
    if (hits.length === 1) {
      this.highlight(hits[0]);
    } else {
      this.network.selectNodes(hits, false);
    }
    this.network.fit({ nodes: hits, maxZoomLevel: 1.2, animation: false });
    this.viewTouched = true;
    var names = hits.slice(0, 5).map(function (v) { return self.people[v].label; }).join(", ");
    if (hits.length > 1) {
      text(this.root.querySelector(".pn-status"),
           "Found " + hits.length + ": " + names + (hits.length > 5 ? ", \u2026" : ""));
    }
    return hits;
  };

  Page.prototype.reset = function () {
    this.root.querySelector("input.pn-search").value = "";
    this.found = [];
    this.focused = null;
    if (this.data.scale) { this.setMinimum(this.data.scale.min); }
    this.colourBy(this.data.colouring);
    this.root.querySelector("input.pn-text-size").value = String(this.data.minTextPx);
    this.textPx = null;
    text(this.root.querySelector("output.pn-text-words"), "fitted");
    this.root.querySelector("input.pn-node-size").value = "100";
    this.setNodeScale(1);
    this.clearFocus();
    this.showOrganisations(false);
    this.viewTouched = false;
    this.fitAll();
  };

  /* The whole network with its names in view, a small margin round it, and labels of the chosen size. */
  Page.prototype.fitAll = function () {
    fitWithLabels(this.network, this);
  };

  function fitWithLabels(network, page) {
    var font = null;
    for (var i = 0; i < 4; i++) {
      network.fit({ animation: false });
      var scale = network.getScale() * 0.96;
      network.moveTo({ scale: scale, animation: false });
      var next = page.fontFor(scale);
      if (font !== null && Math.abs(next - font) < 0.005 * font) { break; }
      font = next;
      network.setOptions({ nodes: { font: { size: font } } });
    }
  }

  /* ------------------------------------------------------------ the organisation view */

  function OrgView(page) {
    var self = this;
    this.page = page;
    this.container = page.root.querySelector(".pn-canvas-orgs");
    this.orgs = page.data.organisations;
    this.orgOf = {};
    this.byName = {};
    this.orgs.forEach(function (o, k) {
      self.byName[o.name] = k;
      o.people.forEach(function (id) { self.orgOf[id] = k; });
    });
    this.nodes = new vis.DataSet(this.orgs.map(function (o, k) {
      return { id: k, label: o.name, x: o.x, y: o.y, size: o.size * page.nodeScale, shape: o.shape,
               borderWidth: 1.5, color: colourOf(o.colour), font: { color: FONT_COLOUR } };
    }));
    this.edges = new vis.DataSet([]);
    var options = JSON.parse(JSON.stringify(page.data.options));
    options.edges.smooth = { enabled: false };
    options.edges.arrows = { to: { enabled: false } };
    options.interaction.hideEdgesOnDrag = false;
    options.interaction.hideEdgesOnZoom = false;
    this.network = new vis.Network(this.container, { nodes: this.nodes, edges: this.edges }, options);
    whiteBackground(this.network);
    this.touched = false;
    this.network.on("zoom", function () { self.touched = true; });
    fitWhenMeasured(this.network, function () { return self.touched; }, function () { self.fit(); });
    this.network.on("click", function (params) {
      if (params.nodes.length) { page.focus("organisation", self.orgs[params.nodes[0]].name); }
      else { page.clearFocus(); }
    });
    this.update();
  }


  /* Ties between organisations counted from the ties the people view shows now; fading from the focus. */
  OrgView.prototype.update = function () {
    var self = this, page = this.page;
    var between = {}, inside = {}, people = {};
    this.orgs.forEach(function (o, k) {
      inside[k] = 0;
      people[k] = o.people.filter(function (id) { return !page.absent[id]; }).length;
    });
    page.shownTies().forEach(function (e) {
      var a = self.orgOf[e.from], b = self.orgOf[e.to];
      if (a === undefined || b === undefined) { return; }
      if (a === b) { inside[a] += 1; return; }
      var key = Math.min(a, b) + "-" + Math.max(a, b);
      var t = between[key] || (between[key] = { a: Math.min(a, b), b: Math.max(a, b), ab: 0, ba: 0 });
      if (a === t.a) { t.ab += 1; } else { t.ba += 1; }
    });
    var keys = Object.keys(between);
    var top = 1;
    keys.forEach(function (k) { top = Math.max(top, between[k].ab + between[k].ba); });
    var focusOrg = page.focused && page.focused.kind === "organisation" ? this.byName[page.focused.value] : undefined;
    var partners = {};
    var edges = keys.map(function (k, i) {
      var t = between[k], n = t.ab + t.ba;
      var A = self.orgs[t.a].name, B = self.orgs[t.b].name;
      var title = A + page.arrow + B + ": " + plural(n, "tie", "ties");
      if (page.directed) {
        title += " (" + A + " \u2192 " + B + " " + t.ab + ", " + B + " \u2192 " + A + " " + t.ba + ")";
      }
      var lit = focusOrg === undefined || t.a === focusOrg || t.b === focusOrg;
      if (focusOrg !== undefined && lit) { partners[t.a] = true; partners[t.b] = true; }
      return { id: i, from: t.a, to: t.b, width: 1 + 11 * Math.sqrt(n / top), title: title, ties: n,
               color: !lit ? FADED_EDGE : (focusOrg === undefined ? page.data.edgeColour : ORG_FOCUS_EDGE) };
    });
    this.edges.clear();
    this.edges.add(edges);
    this.nodes.update(this.orgs.map(function (o, k) {
      var out = 0;
      keys.forEach(function (key) { var t = between[key]; if (t.a === k || t.b === k) { out += t.ab + t.ba; } });
      var others = keys.filter(function (key) { return between[key].a === k || between[key].b === k; }).length;
      var dim = focusOrg !== undefined && k !== focusOrg && !partners[k];
      return { id: k, color: dim ? FADED_NODE : colourOf(o.colour),
               font: { color: dim ? FADED_FONT_COLOUR : FONT_COLOUR },
               title: o.name + " (" + o.org_type + ")\n" + plural(people[k], "person", "people") + ", " +
                      plural(inside[k], "tie", "ties") + " among them\n" + plural(out, "tie", "ties") + " with " +
                      plural(others, "other organisation", "other organisations") };
    }));
  };

  OrgView.prototype.resize = function () {
    var page = this.page;
    this.nodes.update(this.orgs.map(function (o, k) { return { id: k, size: o.size * page.nodeScale }; }));
  };

  OrgView.prototype.fit = function () { fitWithLabels(this.network, this.page); };

  Page.prototype.orgsShown = function () { return !!(this.orgView && !this.orgView.container.hidden); };

  /* Draw organisations (one dot each, line width the ties between them) or people. */
  Page.prototype.showOrganisations = function (on) {
    var box = this.root.querySelector(".pn-canvas-orgs");
    if (!box || !this.data.organisations.length) { return false; }
    on = !!on;
    box.hidden = !on;
    this.container.hidden = on;
    this.root.querySelector("button.pn-view-people").setAttribute("aria-pressed", on ? "false" : "true");
    this.root.querySelector("button.pn-view-orgs").setAttribute("aria-pressed", on ? "true" : "false");
    if (on) {
      if (!this.orgView) { this.orgView = new OrgView(this); } else { this.orgView.update(); }
      if (!this.orgView.touched) { this.orgView.fit(); }
    }
    return on;
  };

  /* ------------------------------------------------------------ the picture */

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

  /* The current view (positions, focus, slider) with title, focus in words and legend as a PNG. */
  Page.prototype.pngDataUrl = function () {
    var orgs = this.orgsShown();
    var src = (orgs ? this.orgView.container : this.container).querySelector("canvas");
    var colouring = this.data.colourings[orgs && this.data.colourings.org_type ? "org_type" : this.colouring];
    var ratio = window.devicePixelRatio || 1;
    var pad = 24 * ratio, line = 28 * ratio, font = 19 * ratio;
    var legendWidth = 440 * ratio, titleHeight = 52 * ratio, textWidth = legendWidth - 2 * pad;
    var out = document.createElement("canvas");
    var ctx = out.getContext("2d");
    var face = "px Arial, Helvetica, sans-serif";
    // Lay the legend out first: what is shown, entries with a symbol, then wrapped notes.
    ctx.font = font + face;
    var rows = [];
    var shown = this.focused ? this.focusWords() : this.summaryWords();
    wrap(ctx, shown, textWidth).forEach(function (t) { rows.push({ text: t }); });
    rows.push({ text: "" });
    rows.push({ text: colouring.title });
    colouring.legend.forEach(function (item) {
      wrap(ctx, item.label, textWidth - 30 * ratio).forEach(function (t, k) {
        rows.push({ text: t, item: k === 0 ? item : null, indent: 30 * ratio });
      });
    });
    if (colouring.shapeNote && !orgs) {
      rows.push({ text: colouring.shapeNote, item: { shape: "square", colour: "#FFFFFF" }, indent: 30 * ratio });
    }
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

  /* ------------------------------------------------------------ start */

  function hook(page) {
    return {
      page: page,
      focus: function (kind, value) { return page.focus(kind, value); },
      reset: function () { page.reset(); },
      visible: function () { return page.visible(); },
      setMinimum: function (value) { return page.setMinimum(value); },
      showOrganisations: function (on) { return page.showOrganisations(on); },
      selection: function () { return page.selection(); }
    };
  }

  function start() {
    window.partnetPages = window.partnetPages || [];
    document.querySelectorAll("[data-partnet-page]").forEach(function (root) {
      if (root.partnetPage) { return; }
      root.partnetPage = new Page(root);
      window.partnetPages.push(root.partnetPage);
    });
    if (window.partnetPages.length) {
      var api = hook(window.partnetPages[0]);
      var before = window.partnet || {};
      Object.keys(before).forEach(function (k) { if (!(k in api)) { api[k] = before[k]; } });
      window.partnet = api;
    }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
}());
