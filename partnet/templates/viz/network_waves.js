/* partnet workshop page, waves: one button per wave and a change view
 * between consecutive waves, all in the one fixed layout. a view puts its
 * own ties in the drawing, fades the people not in it, and sets sizes,
 * tooltips, the details, the legend and the status line; filters, the
 * highlight and dragged places stay. no text of the data is written into
 * the document here (the legend of every view is in the page already);
 * nothing is loaded from the network.
 * every word here starts in lower case: the privacy gate reads this text
 * as it reads the page's data, and a capitalised word could be a name. */
(function () {
  "use strict";

  var faded = { background: "#ECECEC", border: "#D4D4D4",
                highlight: { background: "#ECECEC", border: "#D4D4D4" },
                hover: { background: "#ECECEC", border: "#D4D4D4" } };
  var fadedEdge = { color: "#E4E4E4", highlight: "#E4E4E4", hover: "#E4E4E4", opacity: 1 };
  var fadedFont = "#C4C4C4";
  var fullFont = "#111111";

  // a deep copy of a record parsed from the page's data (the data set keeps what it is given).
  function copy(value) {
    if (value === null || typeof value !== "object") { return value; }
    if (typeof value.map === "function") { return value.map(copy); }
    var out = {};
    for (var k in value) { out[k] = copy(value[k]); }
    return out;
  }

  function attach(root) {
    var page = root.partnetPage;
    if (!page || !page.data.waves || page.showView) { return; }
    var waves = page.data.waves;
    var views = {};
    waves.views.forEach(function (v) { views[v.key] = v; });
    var view = null, absent = {}, own = {};
    var buttons = root.querySelectorAll("button.pn-wave");
    var blocks = root.querySelectorAll(".pn-view-notes");

    // colours of people and ties for the view, the colouring and the highlight.
    function paint() {
      var styles = page.data.colourings[page.colouring].styles;
      var state = waves.states[view.state];
      var ego = page.egoSet;
      page.nodes.update(page.nodes.getIds().map(function (id) {
        var fill = styles[id][0];
        var full = { background: fill, border: state.border[id],
                     highlight: { background: fill, border: "#000000" },
                     hover: { background: fill, border: "#000000" } };
        page.base[id].color = full;
        page.base[id].font = { color: fullFont };
        var dim = absent[id] || (ego && !ego[id]);
        return { id: id, color: dim ? faded : full, font: { color: dim ? fadedFont : fullFont } };
      }));
      page.edges.update(page.edges.get().map(function (e) {
        return { id: e.id, color: ego && !(ego[e.from] && ego[e.to]) ? fadedEdge : own[e.id] };
      }));
    }

    ["highlight", "clearHighlight", "colourBy"].forEach(function (name) {
      var original = page[name];
      page[name] = function () {
        var out = original.apply(page, arguments);
        paint();
        return out;
      };
    });

    // show a view: a wave ("wave-0", ...) or the change between two waves ("change-0", ...).
    function show(key) {
      var next = views[key];
      if (!next) { return false; }
      view = next;
      absent = {};
      next.absent.forEach(function (id) { absent[id] = true; });
      own = {};
      next.edges.forEach(function (e) { own[e.id] = waves.colours[e.change] || page.data.edgeColour; });
      page.edges.clear();
      page.edges.add(next.edges.map(copy));
      var state = waves.states[next.state];
      page.nodes.update(page.nodes.getIds().map(function (id) {
        var person = page.people[id];
        person.measures = state.measures[id];
        person.opinion_leader = state.leader[id];
        person.boundary_spanner = state.spanner[id];
        return { id: id, size: state.size[id], title: state.title[id], borderWidth: state.borderWidth[id],
                 shapeProperties: { borderDashes: state.dashes[id] ? [9, 5] : false } };
      }));
      page.data.title = next.title;
      page.data.summary = next.summary;
      page.data.pngName = next.pngName;
      page.data.notes = next.pngNotes.concat(waves.notes);
      buttons.forEach(function (b) {
        b.setAttribute("aria-pressed", b.getAttribute("data-view") === key ? "true" : "false");
      });
      blocks.forEach(function (block) { block.hidden = block.getAttribute("data-view") !== key; });
      if (page.egoId !== null && page.egoId !== undefined) { page.highlight(page.egoId); } else { paint(); }
      page.filter(null, "");
      return true;
    }

    buttons.forEach(function (b) {
      b.addEventListener("click", function () { show(b.getAttribute("data-view")); });
    });
    page.showView = show;
    page.currentView = function () { return view.key; };
    show(waves.current);
  }

  function start() {
    document.querySelectorAll("[data-partnet-page]").forEach(attach);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
}());
