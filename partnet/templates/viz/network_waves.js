/* partnet workshop page, waves: one button per wave and a change view
 * between consecutive waves, all in the one fixed layout. a view puts its
 * own ties in the drawing, fades the people not in it, and sets sizes,
 * tooltips, the details, the legend and the status line; the focus, the
 * tie-value slider and dragged places stay. no text of the data is written into
 * the document here (the legend of every view is in the page already);
 * nothing is loaded from the network.
 * every word here starts in lower case: the privacy gate reads this text
 * as it reads the page's data, and a capitalised word could be a name. */
(function () {
  "use strict";

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
    var view = null, own = {};
    var buttons = root.querySelectorAll("button.pn-wave");
    var blocks = root.querySelectorAll(".pn-view-notes");

    // a tie's colour when nothing fades it: grey, or blue and orange for the new and lost ties of a change view.
    page.edgeColourOf = function (e) { return own[e.id] || page.data.edgeColour; };
    page.viewLabel = function () { return view ? view.heading.charAt(0).toLowerCase() + view.heading.slice(1) : ""; };

    // show a view: a wave ("wave-0", ...) or the change between two waves ("change-0", ...).
    function show(key) {
      var next = views[key];
      if (!next) { return false; }
      view = next;
      page.absent = {};
      next.absent.forEach(function (id) { page.absent[id] = true; });
      own = {};
      next.edges.forEach(function (e) { own[e.id] = waves.colours[e.change] || page.data.edgeColour; });
      page.edges.clear();
      page.edges.add(next.edges.map(copy));
      var state = waves.states[next.state];
      var sizes = {};
      page.nodes.update(page.nodes.getIds().map(function (id) {
        var person = page.people[id];
        person.measures = state.measures[id];
        person.opinion_leader = state.leader[id];
        person.boundary_spanner = state.spanner[id];
        sizes[id] = state.size[id];
        var colour = page.base[id].color;
        page.base[id].color = { background: colour.background, border: state.border[id],
                                highlight: colour.highlight, hover: colour.hover };
        return { id: id, title: state.title[id], borderWidth: state.borderWidth[id],
                 shapeProperties: { borderDashes: state.dashes[id] ? [9, 5] : false } };
      }));
      page.setSizes(sizes);
      page.data.title = next.title;
      page.data.summary = next.summary;
      page.data.pngName = next.pngName;
      page.data.notes = next.pngNotes.concat(waves.notes);
      buttons.forEach(function (b) {
        b.setAttribute("aria-pressed", b.getAttribute("data-view") === key ? "true" : "false");
      });
      blocks.forEach(function (block) { block.hidden = block.getAttribute("data-view") !== key; });
      // the focus stays on the same people or group (a tie's focus ends: its line may not be in this view)
      var f = page.focused;
      if (f && f.kind !== "tie") {
        if (page.focus(f.kind, f.value) === null) { page.clearFocus(); }
      } else if (f) {
        page.clearFocus();
      } else {
        page.paint();
      }
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
