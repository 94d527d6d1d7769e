/* partnet workshop page, notes from the room: a note about a person, a tie,
 * an organisation or the whole network, written while the page is shown.
 * the notes are listed in the side panel, kept in this browser's local
 * storage under one key per case and page (page.data.notesStore.key), and
 * downloaded as a csv file; window.partnet.notes is the first page's api.
 *
 * storage: localStorage[key] = {"version": 1, "notes": [...]}, removed when
 * the last note goes; key + "/facilitator" keeps the facilitator's name. a
 * page that cannot use local storage (a sandboxed frame, a browser refusing
 * file pages) keeps its notes in memory and says so. a stored value that
 * cannot be read is left as it is and not shown; the first note saved
 * after it moves it aside to key + "/unreadable", and clearing removes that
 * too. nothing is thrown away that clearing would not remove.
 *
 * text reaches the document only through textContent and value. every
 * sentence a reader sees is in the page's markup (network_notes.html.j2):
 * every word here starts in lower case but the names of the browser's own
 * objects, because the privacy gate reads this text as it reads the page's
 * data and a capitalised word could be a name. nothing is loaded from the
 * network. */
(function () {
  "use strict";

  var types = { person: true, tie: true, organisation: true, network: true };
  var columns = ["target_type", "target", "note", "date", "facilitator", "tie_from", "tie_to", "view", "case", "page"];
  var fields = ["id", "target_type", "target", "tie_from", "tie_to", "note", "date", "facilitator", "view"];
  var crlf = "\r\n";
  var bom = "\ufeff";

  function str(value) { return value == null ? "" : "" + value; }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function day(d) { return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()); }
  function stamp(d) { return day(d) + " " + pad(d.getHours()) + ":" + pad(d.getMinutes()); }
  function copy(note) {
    var out = {};
    fields.forEach(function (f) { out[f] = note[f]; });
    return out;
  }
  function newId() {
    return "n" + Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
  }

  // one csv field: a leading =, +, -, @, tab or carriage return gets a quote
  // mark (a spreadsheet would read it as a formula), then rfc 4180 quoting.
  function cell(value) {
    var s = str(value);
    if (/^[=+\-@\t\r]/.test(s)) { s = "'" + s; }
    if (/[",\r\n]/.test(s)) { s = "\"" + s.replace(/"/g, "\"\"") + "\""; }
    return s;
  }

  // local storage when it can be written, else null (a sandboxed frame throws on reading it).
  function openStorage(key) {
    try {
      var s = window.localStorage;
      if (!s) { return null; }
      s.setItem(key + "/probe", "1");
      s.removeItem(key + "/probe");
      return s;
    } catch (e) {
      return null;
    }
  }

  // a stored note as kept, or null when it is not one.
  function clean(n) {
    if (!n || typeof n !== "object" || typeof n.note !== "string" || !types[n.target_type]) { return null; }
    var out = {};
    fields.forEach(function (f) { out[f] = str(n[f]); });
    if (!out.id) { out.id = newId(); }
    return out;
  }

  function storeOf(root) {
    var page = root.partnetPage;
    var data = page && page.data;
    if (!data) {
      try { data = JSON.parse(root.querySelector("script.pn-data").textContent); } catch (e) { data = {}; }
    }
    var store = data.notesStore || {};
    return { key: str(store.key) || "partnet-notes/page", caseId: str(store.caseId), page: str(store.page),
             title: str(store.title || data.title || document.title), directed: store.directed !== false };
  }

  function notesOf(root) {
    var self = {};
    var store = storeOf(root);
    var key = store.key;
    var storage = openStorage(key);
    var notes = [];
    var unreadable = null;   // the stored text that could not be read, until it is moved aside
    var refused = false;     // the last write to storage failed
    var armed = 0;           // when clearing needs a second press (no dialogs in a sandboxed frame)
    var lastSelection = null;

    var box = root.querySelector("section.pn-notes");
    function part(selector) { return box ? box.querySelector(selector) : null; }
    var form = part("form.pn-note-form");
    var textarea = part("textarea.pn-note-text");
    var facilitator = part("input.pn-note-facilitator");
    var list = part("ul.pn-note-list");
    var template = part("template.pn-note-template");

    function message(name, values) {
      var el = part("[data-message=\"" + name + "\"]");
      var s = el ? el.textContent : name;
      Object.keys(values || {}).forEach(function (k) { s = s.split("{" + k + "}").join(str(values[k])); });
      return s;
    }
    function say(name, values) {
      var el = part(".pn-notes-status");
      if (el) { el.textContent = name ? message(name, values) : ""; }
    }

    function read(name) {
      try { return storage ? storage.getItem(name) : null; } catch (e) { return null; }
    }
    function load() {
      notes = [];
      unreadable = null;
      var raw = read(key);
      if (raw === null) { return; }
      var parsed = null, kept = [];
      try { parsed = JSON.parse(raw); } catch (e) { parsed = null; }
      var ok = !!parsed && parsed.version === 1 && Array.isArray(parsed.notes) && parsed.notes.every(function (n) {
        var c = clean(n);
        if (c) { kept.push(c); }
        return !!c;
      });
      if (ok) { notes = kept; } else { unreadable = raw; }
    }
    function save() {
      if (!storage) { return false; }
      try {
        if (unreadable !== null) {
          storage.setItem(key + "/unreadable", unreadable);
          unreadable = null;
        }
        if (notes.length) {
          storage.setItem(key, JSON.stringify({ version: 1, notes: notes }));
        } else {
          storage.removeItem(key);
        }
        refused = false;
      } catch (e) {
        refused = true;
      }
      return !refused;
    }

    // what a note would be about now: the page's selection, else the whole network.
    function selection() {
      var page = root.partnetPage, s = null;
      if (page && typeof page.selection === "function") {
        try { s = page.selection(); } catch (e) { s = null; }
      } else {
        s = lastSelection;
      }
      if (!s || !types[s.type]) { return { type: "network", target: store.title, from: "", to: "" }; }
      return { type: s.type, target: str(s.type === "network" ? (s.target || store.title) : s.target),
               from: str(s.from), to: str(s.to) };
    }
    function viewLabel() {
      var page = root.partnetPage;
      if (page && typeof page.viewLabel === "function") {
        try { return str(page.viewLabel()); } catch (e) { return ""; }
      }
      return "";
    }
    function about(type, target) {
      return type === "network" ? message("network") : target;
    }

    function item(n) {
      var li = template && template.content && template.content.firstElementChild ?
        template.content.firstElementChild.cloneNode(true) : null;
      if (!li) {
        li = document.createElement("li");
        ["pn-note-on", "pn-note-body", "pn-note-meta"].forEach(function (cls) {
          var span = document.createElement("span");
          span.className = cls;
          li.appendChild(span);
        });
        var b = document.createElement("button");
        b.type = "button";
        b.className = "pn-note-delete";
        b.textContent = "delete";
        li.appendChild(b);
      }
      var on = about(n.target_type, n.target);
      li.setAttribute("data-id", n.id);
      li.setAttribute("data-type", n.target_type);
      li.querySelector(".pn-note-on").textContent = on;
      li.querySelector(".pn-note-body").textContent = n.note;
      li.querySelector(".pn-note-meta").textContent = [n.date, n.facilitator, n.view].filter(function (x) { return !!x; }).join(" \u00b7 ");
      var button = li.querySelector("button.pn-note-delete");
      var words = n.note.replace(/\s+/g, " ");
      button.setAttribute("aria-label", str(button.getAttribute("data-label") || "delete the note about") + " " +
                          on + ", " + n.date + ": " + (words.length > 40 ? words.slice(0, 39) + "\u2026" : words));
      button.addEventListener("click", function () { self.remove(n.id, true); });
      return li;
    }

    function render() {
      if (!box) { return; }
      var count = part(".pn-notes-count");
      if (count) { count.textContent = "(" + notes.length + ")"; }
      if (list) {
        while (list.firstChild) { list.removeChild(list.firstChild); }
        for (var i = notes.length - 1; i >= 0; i--) { list.appendChild(item(notes[i])); }
      }
      var warning = part(".pn-notes-warning");
      var problem = !storage ? "unavailable" : refused ? "refused" :
        (unreadable !== null || read(key + "/unreadable") !== null) ? "unreadable" : "";
      if (warning) {
        warning.textContent = problem ? message(problem) : "";
        warning.hidden = !problem;
      }
      var where = part(".pn-notes-where");
      if (where) { where.hidden = !storage; }
    }
    function showSelection(s) {
      var el = part(".pn-note-about-target");
      if (el) { el.textContent = about(s.type, s.target); }
    }

    function rememberFacilitator() {
      if (!storage || !facilitator) { return; }
      try {
        if (facilitator.value.trim()) {
          storage.setItem(key + "/facilitator", facilitator.value);
        } else {
          storage.removeItem(key + "/facilitator");
        }
      } catch (e) { /* kept in the field only */ }
    }

    /* the api (window.partnet.notes for the first page, root.partnetNotes on each). */

    // add a note; omitted target fields come from the current selection,
    // an omitted facilitator from the field. null for an empty note.
    self.add = function (spec) {
      spec = spec || {};
      var text = str(spec.note).trim();
      if (!text) { return null; }
      var type = spec.target_type, target, from = "", to = "";
      if (type == null || type === "") {
        var s = selection();
        type = s.type; target = s.target; from = s.from; to = s.to;
      } else {
        if (!types[type]) {
          throw new TypeError("target_type must be person, tie, organisation or network; " + JSON.stringify(type) +
                              " was given");
        }
        target = str(spec.target).trim();
        from = str(spec.tie_from).trim();
        to = str(spec.tie_to).trim();
        if (type === "network" && !target) { target = store.title; }
        if (type === "tie" && !target && from && to) {
          target = from + (store.directed ? " \u2192 " : " \u2013 ") + to;
        }
        if (!target) { throw new TypeError("a note about a " + type + " needs a target"); }
      }
      if (type !== "tie") { from = ""; to = ""; }
      var who = spec.facilitator !== undefined ? spec.facilitator :
        facilitator ? facilitator.value : read(key + "/facilitator");
      var note = { id: newId(), target_type: type, target: target, tie_from: from, tie_to: to, note: text,
                   date: stamp(new Date()), facilitator: str(who).trim(), view: viewLabel() };
      notes.push(note);
      save();
      render();
      return copy(note);
    };

    self.list = function () { return notes.map(copy); };

    self.remove = function (id, fromButton) {
      for (var i = 0; i < notes.length; i++) {
        if (notes[i].id === id) {
          notes.splice(i, 1);
          save();
          render();
          if (fromButton) {
            // focus the note shown next (the list is newest first), else the one before, else the note field
            var buttons = list ? list.querySelectorAll("button.pn-note-delete") : [];
            var at = notes.length - i;
            var next = buttons[at] || buttons[at - 1];
            if (next) { next.focus(); } else if (textarea) { textarea.focus(); }
            say("deleted", { n: notes.length });
          }
          return true;
        }
      }
      return false;
    };

    // clear every note and the facilitator's name from this browser (no question asked here).
    self.clear = function () {
      var n = notes.length;
      notes = [];
      unreadable = null;
      refused = false;
      if (storage) {
        [key, key + "/facilitator", key + "/unreadable"].forEach(function (k) {
          try { storage.removeItem(k); } catch (e) { /* nothing kept there */ }
        });
      }
      if (facilitator) { facilitator.value = ""; }
      render();
      return n;
    };

    self.csv = function () {
      var lines = [columns.join(",")];
      notes.forEach(function (n) {
        var row = { "case": store.caseId, "page": store.page };
        lines.push(columns.map(function (c) { return cell(c in row ? row[c] : n[c]); }).join(","));
      });
      return bom + lines.join(crlf) + crlf;
    };

    self.fileName = function () {
      var id = store.caseId.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/-+/g, "-").replace(/^-|-$/g, "");
      return "notes-" + (id ? id + "-" : "") + day(new Date()) + ".csv";
    };

    // save the csv through a blob url and a download link (works offline, from a file page too).
    self.download = function () {
      var name = self.fileName();
      var url = URL.createObjectURL(new Blob([self.csv()], { type: "text/csv;charset=utf-8" }));
      var a = document.createElement("a");
      a.href = url;
      a.download = name;
      a.hidden = true;
      (box || document.body).appendChild(a);
      a.click();
      a.parentNode.removeChild(a);
      setTimeout(function () { URL.revokeObjectURL(url); }, 4000);
      say("downloaded", { file: name });
      return name;
    };

    self.key = function () { return key; };
    self.kept = function () { return !!storage; };

    /* the panel */

    load();
    if (facilitator) {
      facilitator.value = str(read(key + "/facilitator"));
      facilitator.addEventListener("input", rememberFacilitator);
    }
    function fromForm() {
      var note = self.add({ note: textarea.value });
      if (!note) { say("empty"); textarea.focus(); return; }
      textarea.value = "";
      say("added", { n: notes.length });
      textarea.focus();
    }
    function enter(ev) { return str(ev.key).toLowerCase() === "enter" && !ev.isComposing; }
    if (textarea) {
      // a button and keys, not the form's submit event: a sandboxed frame without forms allowed fires none
      var add = part("button.pn-note-add");
      if (add) { add.addEventListener("click", fromForm); }
      if (form) { form.addEventListener("submit", function (ev) { ev.preventDefault(); }); }
      textarea.addEventListener("keydown", function (ev) {
        if (enter(ev) && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); fromForm(); }
      });
      if (facilitator) {
        facilitator.addEventListener("keydown", function (ev) {
          if (enter(ev)) { ev.preventDefault(); fromForm(); }
        });
      }
    }
    if (box) {
      // typing a note is not a shortcut for the page
      box.addEventListener("keydown", function (ev) {
        var tag = str(ev.target && ev.target.tagName).toLowerCase();
        if (tag === "textarea" || tag === "input") { ev.stopPropagation(); }
      });
      var down = part("button.pn-notes-download");
      if (down) { down.addEventListener("click", function () { self.download(); }); }
      var wipe = part("button.pn-notes-clear");
      if (wipe) {
        wipe.addEventListener("click", function () {
          var anything = notes.length || unreadable !== null || read(key + "/unreadable") !== null;
          if (anything) {
            if (storage) {
              if (!window.confirm(message("confirm", { n: notes.length }))) { return; }
            } else if (Date.now() > armed) {
              // a sandboxed frame shows no dialog (confirm answers no): a second press within a few seconds
              armed = Date.now() + 6000;
              say("again", { n: notes.length });
              return;
            }
          }
          armed = 0;
          self.clear();
          say("cleared");
        });
      }
    }
    root.addEventListener("partnet:selection", function (ev) {
      lastSelection = ev.detail || null;
      showSelection(selection());
    });
    // another tab or window showing the same page changed the notes
    window.addEventListener("storage", function (ev) {
      if (!storage || (ev.key !== null && ev.key.indexOf(key) !== 0)) { return; }
      load();
      if (facilitator && document.activeElement !== facilitator) { facilitator.value = str(read(key + "/facilitator")); }
      render();
    });
    showSelection(selection());
    render();
    return self;
  }

  function start() {
    window.partnet = window.partnet || {};
    document.querySelectorAll("[data-partnet-page]").forEach(function (root) {
      if (root.partnetNotes) { return; }
      root.partnetNotes = notesOf(root);
      if (!window.partnet.notes) { window.partnet.notes = root.partnetNotes; }
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
}());
