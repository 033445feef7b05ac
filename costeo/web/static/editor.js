// The cost structure editor: Tabulator grids over /api/versions/{id}/grid/{kind}; each edited
// cell is saved with PATCH /api/versions/{id} (optimistic lock) and the totals, changed
// figures and diagnostics are redrawn from the answer. A conflict (409) is shown as is.
"use strict";
(function () {
  var root = document.getElementById("editor");
  if (!root || typeof Tabulator === "undefined") { return; }
  var versionId = root.dataset.version;
  var lock = parseInt(root.dataset.lock, 10);
  var editable = root.dataset.editable === "true";
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var status = document.getElementById("editor-status");
  var totalBox = document.getElementById("editor-total");
  var diagBox = document.getElementById("editor-diagnostics");
  var changedBox = document.getElementById("changed-figures");
  var table = null;
  var diagnosticsByPath = {};

  function show(kind, text) {
    status.hidden = false;
    status.className = "flash " + kind;
    status.textContent = text;
  }

  // A location is text (version diagnostics) or {file, line, col | sheet, cell} (errors).
  function where(loc) {
    if (!loc) { return ""; }
    if (typeof loc === "string") { return loc; }
    if (loc.sheet !== undefined && loc.sheet !== null) {
      return loc.file + "!" + loc.sheet + (loc.cell ? "!" + loc.cell : "");
    }
    return loc.file + (loc.line ? ":" + loc.line + ":" + loc.col : "");
  }

  function renderDiagnostics(list) {
    diagBox.replaceChildren();
    diagnosticsByPath = {};
    list.forEach(function (d) {
      var li = document.createElement("li");
      li.className = "sev-" + d.severity;
      var code = document.createElement("code");
      code.textContent = d.code;
      li.appendChild(code);
      li.appendChild(document.createTextNode(" " + d.message + (d.location ? " (" + where(d.location) + ")" : "")));
      diagBox.appendChild(li);
    });
  }

  function context(row) {
    var c = row.context || {};
    return [c.activity, c.input || c.key || c.field, c.name, c.cell, c.unit, c.from]
      .filter(function (x) { return x; }).join(" · ");
  }

  var loading = 0;  // only the latest requested grid is drawn (answers may arrive out of order)

  // #editor[data-grid] names the grid on screen once Tabulator has built it; while another
  // grid loads it is empty and the editor is aria-busy (screen readers and tests wait on it).
  function load(kind) {
    var ticket = ++loading;
    root.dataset.grid = "";
    root.setAttribute("aria-busy", "true");
    fetch("/api/versions/" + versionId + "/grid/" + kind, {credentials: "same-origin"})
      .then(function (r) { return r.json(); })
      .then(function (rows) {
        if (ticket !== loading) { return; }
        rows.forEach(function (r) { r.where = context(r); r.diagnostic = ""; });
        if (table) { table.destroy(); }
        table = new Tabulator("#grid", {
          data: rows,
          index: "path",
          layout: "fitColumns",
          maxHeight: "65vh",
          columns: [
            {title: root.dataset.labelField, field: "where", widthGrow: 4, headerFilter: "input"},
            {title: "", field: "field_label", widthGrow: 1},
            {title: root.dataset.labelValue, field: "value", hozAlign: "right", widthGrow: 1,
             editor: editable ? "input" : false, cssClass: editable ? "editable" : ""},
            {title: root.dataset.labelDiag, field: "diagnostic", widthGrow: 3, cssClass: "diag"}
          ]
        });
        table.on("cellEdited", save);
        table.on("tableBuilt", function () {
          if (ticket !== loading) { return; }
          root.dataset.grid = kind;
          root.setAttribute("aria-busy", "false");
        });
      });
  }

  function save(cell) {
    var row = cell.getRow().getData();
    var before = cell.getOldValue();
    fetch("/api/versions/" + versionId, {
      method: "PATCH",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf},
      body: JSON.stringify({lock: lock, changes: [{path: row.path, value: String(cell.getValue())}]})
    }).then(function (r) {
      return r.json().then(function (body) { return {status: r.status, body: body}; });
    }).then(function (answer) {
      if (answer.status === 200) {
        lock = answer.body.version.lock;
        root.dataset.lock = String(lock);
        totalBox.textContent = answer.body.total_text;
        document.getElementById("version-total").textContent = answer.body.total_text;
        cell.getRow().update({diagnostic: ""});
        changedBox.replaceChildren();
        var shown = answer.body.changed.slice(0, 12);
        shown.forEach(function (c) {
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.href = "/versions/" + versionId + "/lineage?figure=" + encodeURIComponent(c.figure);
          a.textContent = c.label;
          li.appendChild(a);
          li.appendChild(document.createTextNode(": " + c.before_text + " → " + c.after_text));
          changedBox.appendChild(li);
        });
        if (answer.body.changed.length > shown.length) {
          var more = document.createElement("li");
          more.textContent = root.dataset.labelMore.replace(
            "{n}", String(answer.body.changed.length - shown.length));
          changedBox.appendChild(more);
        }
        renderDiagnostics(answer.body.version.diagnostics);
        show("ok", root.dataset.labelSaved.replace("{total}", answer.body.total_text));
        return;
      }
      var error = answer.body.error || {code: "error", message: String(answer.status)};
      cell.restoreOldValue();
      if (error.code === "invalid-input" && error.details && error.details.diagnostics) {
        var text = error.details.diagnostics.map(function (d) { return d.message; }).join("; ");
        cell.getRow().update({diagnostic: text});
        renderDiagnostics(error.details.diagnostics);
      }
      show(error.code === "conflict" ? "conflict" : "error", error.message);
    }).catch(function (e) { cell.restoreOldValue(); show("error", String(e)); });
  }

  document.querySelectorAll("#grid-kinds button").forEach(function (button) {
    button.addEventListener("click", function () {
      document.querySelectorAll("#grid-kinds button").forEach(function (b) { b.classList.remove("active"); });
      button.classList.add("active");
      load(button.dataset.kind);
    });
  });
  load("inputs");
})();
