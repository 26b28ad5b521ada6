(function () {
  "use strict";
  // All document text reaches the page through textContent only; never innerHTML.
  var DATA = JSON.parse(document.getElementById("docmine-data").textContent);
  // A finding lists what it shares with its rule only when it differs, and its repeated strings
  // as indexes into DATA.texts (see findings_data in html.py): put each finding back together.
  DATA.findings.forEach(function (f) {
    var rule = DATA.rules[f.rule] || {};
    ["message", "document", "clause", "clauseTitle"].forEach(function (k) {
      if (typeof f[k] === "number") f[k] = DATA.texts[f[k]];
    });
    if (!Object.prototype.hasOwnProperty.call(f, "type")) f.type = rule.type;
    if (!Object.prototype.hasOwnProperty.call(f, "severity")) f.severity = rule.severity;
    if (!Object.prototype.hasOwnProperty.call(f, "suggestion")) f.suggestion = rule.suggestion;
  });
  var SEV_ORDER = { error: 0, warning: 1, info: 2 };
  function sevRank(s) { return Object.prototype.hasOwnProperty.call(SEV_ORDER, s) ? SEV_ORDER[s] : 9; }
  // Errors first (the intro says: begin with the errors), then warnings, then info; each in document order.
  var FINDINGS = DATA.findings.slice().sort(function (a, b) {
    return (sevRank(a.severity) - sevRank(b.severity)) || (a.i - b.i);
  });
  // The filter in the address bar: Dutch names (#filter?ernst=fout&controle=...), English ones too
  // (#filter?severity=error); values in Dutch or as in findings.json.
  var KEYS = { ernst: "severity", severity: "severity", soort: "type", type: "type", controle: "rule", rule: "rule",
               document: "document", zoek: "q", q: "q" };
  var HASH_KEYS = { severity: "ernst", type: "soort", rule: "controle", document: "document", q: "zoek" };
  function valueFrom(key, v) {
    var low = String(v).toLowerCase(), map = key === "severity" ? DATA.severities : key === "type" ? DATA.types : null;
    if (!map || Object.prototype.hasOwnProperty.call(map, v)) return v;
    var found = Object.keys(map).filter(function (k) { return String(map[k]).toLowerCase() === low || k === low; })[0];
    if (!found && key === "severity") found = { fouten: "error", waarschuwingen: "warning", melding: "info", meldingen: "info" }[low];
    return found || v;
  }
  function valueTo(key, v) { return key === "severity" ? (DATA.severities[v] || v) : v; }
  var PAGE = 100;
  var $ = function (id) { return document.getElementById(id); };
  var sel = { severity: $("f-severity"), type: $("f-type"), rule: $("f-rule"), document: $("f-document") };
  var q = $("f-q"), list = $("findings"), more = $("more"), count = $("result-count");
  var matches = [], shown = 0;

  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined && text !== null) n.textContent = String(text);
    return n;
  }
  function countBy(key) {
    var c = {};
    FINDINGS.forEach(function (f) { c[f[key]] = (c[f[key]] || 0) + 1; });
    return c;
  }
  function fill(select, values, label, counts) {
    values.forEach(function (v) {
      var o = document.createElement("option");
      o.value = v;
      o.textContent = (label ? label(v) : v) + " (" + (counts[v] || 0) + ")";
      select.appendChild(o);
    });
  }
  var sevCounts = countBy("severity"), typeCounts = countBy("type"), ruleCounts = countBy("rule"), docCounts = countBy("document");
  fill(sel.severity, Object.keys(sevCounts).sort(function (a, b) { return sevRank(a) - sevRank(b); }),
       function (v) { return DATA.severities[v] || v; }, sevCounts);
  fill(sel.type, Object.keys(typeCounts).sort(), function (v) { return DATA.types[v] || v; }, typeCounts);
  fill(sel.rule, Object.keys(ruleCounts).sort(), null, ruleCounts);
  fill(sel.document, Object.keys(docCounts).sort(), null, docCounts);

  function ruleOf(f) { return DATA.rules[f.rule] || {}; }
  FINDINGS.forEach(function (f) {
    f._text = [f.message, f.suggestion, f.ctx ? f.ctx.join("") : "", f.document, f.rule, f.clause, f.clauseTitle]
      .concat((f.related || []).map(function (r) { return (r.document || "") + " " + (r.excerpt || ""); }))
      .join(" \u0001 ").toLowerCase();
  });

  function state() {
    var s = {};
    Object.keys(sel).forEach(function (k) { if (sel[k].value) s[k] = sel[k].value; });
    if (q.value.trim()) s.q = q.value.trim();
    return s;
  }
  function writeHash(s) {
    var parts = Object.keys(s).map(function (k) { return HASH_KEYS[k] + "=" + encodeURIComponent(valueTo(k, s[k])); });
    var h = parts.length ? "#filter?" + parts.join("&") : "#bevindingen";
    if (location.hash === h) return;
    try { history.replaceState(null, "", h); } catch (err) { location.replace(h); }
  }
  function readHash() {
    var h = location.hash, i = h.indexOf("?");
    if (h.indexOf("#filter") !== 0 || i < 0) return null;
    var s = {};
    h.slice(i + 1).split("&").forEach(function (p) {
      var j = p.indexOf("=");
      if (j <= 0) return;
      var key = KEYS[p.slice(0, j).toLowerCase()];
      if (!key) return;
      try { s[key] = valueFrom(key, decodeURIComponent(p.slice(j + 1).replace(/\+/g, " "))); } catch (err) { /* ignore a broken part */ }
    });
    return s;
  }
  function apply(s) {
    Object.keys(sel).forEach(function (k) {
      var v = s[k] || "";
      if (v && !Array.prototype.some.call(sel[k].options, function (o) { return o.value === v; })) v = "";
      sel[k].value = v;
    });
    q.value = s.q || "";
  }

  function renderFinding(f) {
    var li = el("li", "finding sev-" + f.severity);
    li.id = "f-" + f.i;
    var art = el("article");
    var h = el("h3");
    h.appendChild(el("span", "badge sev-" + f.severity, DATA.severities[f.severity] || f.severity));
    h.appendChild(document.createTextNode(" " + f.message));
    art.appendChild(h);
    var meta = el("p", "meta");
    var bits = [];
    meta.appendChild(el("span", "path", f.document));
    if (f.page) bits.push("pagina " + f.page);
    if (f.line) bits.push("regel " + f.line + (f.column ? ", kolom " + f.column : ""));
    if (f.clauseTitle) bits.push(f.clauseTitle);
    meta.appendChild(document.createTextNode(bits.length ? " · " + bits.join(" · ") + " · " : " · "));
    meta.appendChild(el("span", "badge kind", DATA.types[f.type] || f.type));
    meta.appendChild(document.createTextNode(" controle "));
    var rl = el("a", null, null);
    rl.href = "#controle-" + f.rule;
    rl.appendChild(el("code", null, f.rule));
    rl.title = "Wat deze controle zoekt en waarom";
    meta.appendChild(rl);
    art.appendChild(meta);
    if (f.ocr !== null && f.ocr !== undefined) {
      var oc = el("p", "ocr");
      oc.appendChild(el("span", "badge ocr", "scan"));
      oc.appendChild(document.createTextNode(" Gevonden in tekst die met OCR uit een scan is gelezen (betrouwbaarheid pagina " +
        (f.page || "?") + ": " + f.ocr + "%): controleer de passage in de scan zelf."));
      art.appendChild(oc);
    }
    if (f.ctx && (f.ctx[0] || f.ctx[1] || f.ctx[2])) {
      var bq = el("blockquote", "clause");
      bq.appendChild(document.createTextNode(f.ctx[0]));
      if (f.ctx[1]) { bq.appendChild(el("mark", null, f.ctx[1])); bq.className += " has-mark"; }
      bq.appendChild(document.createTextNode(f.ctx[2]));
      art.appendChild(bq);
    }
    if (f.pair) {
      var pp = el("p", "meta");
      var pa = el("a", null, "Bekijk de teksten naast elkaar, met de verschillen gemarkeerd");
      pa.href = "#" + f.pair;
      pa.addEventListener("click", function () { openAround(document.getElementById(f.pair)); });
      pp.appendChild(pa);
      art.appendChild(pp);
    }
    var suggestion = f.suggestion;
    if (suggestion) {
      var sg = el("p", "sugg");
      sg.appendChild(el("strong", null, "Suggestie: "));
      sg.appendChild(document.createTextNode(suggestion));
      art.appendChild(sg);
    }
    (f.related || []).slice(0, 5).forEach(function (r) {
      var p = el("p", "related");
      p.appendChild(el("strong", null, "Zie ook: "));
      p.appendChild(el("span", "path", (r.document || "") + (r.clause && r.clause.indexOf("#") >= 0 ? " (" + r.clause.split("#")[1] + ")" : "")));
      if (r.excerpt) p.appendChild(document.createTextNode(": “" + (r.excerpt.length > 240 ? r.excerpt.slice(0, 240) + "…" : r.excerpt) + "”"));
      art.appendChild(p);
    });
    var source = ruleOf(f).source;
    if (source && /^https?:\/\//i.test(source)) {
      var lp = el("p", "meta");
      var a = el("a", null, "Wettelijke grondslag");
      a.href = source;
      a.rel = "noopener noreferrer";
      lp.appendChild(a);
      art.appendChild(lp);
    }
    li.appendChild(art);
    return li;
  }

  // The highlighted text in view inside its context box (the box scrolls; the page does not move).
  function centreMarks(root) {
    Array.prototype.forEach.call(root.querySelectorAll("blockquote.has-mark:not([data-centred])"), function (bq) {
      var m = bq.querySelector("mark");
      bq.setAttribute("data-centred", "");
      if (!m || bq.scrollHeight <= bq.clientHeight) return;
      var top = m.offsetTop;  // the box is position:relative, so this is the mark's place in it
      bq.scrollTop = Math.max(0, top - (bq.clientHeight - m.offsetHeight) / 3);
    });
  }
  // Open the closed blocks (<details>) around an element, so that a link to it shows it.
  function openAround(target) {
    for (var n = target; n; n = n.parentElement) {
      if (n.tagName === "DETAILS") n.open = true;
      if (n.hidden) n.hidden = false;  // an item past the first page of its list
    }
    return target;
  }
  function showTarget() {
    var id = location.hash.slice(1);
    if (!id || id.indexOf("filter") === 0) return;
    var t = document.getElementById(decodeURIComponent(id));
    if (t && t.closest && t.closest("details:not([open])")) { openAround(t); t.scrollIntoView(); }
  }
  // The search fields above the documents table, level tables, duplicate groups and reference
  // list: hide the items (data-filter-item) that do not contain every word typed.
  Array.prototype.forEach.call(document.querySelectorAll(".section-filter"), function (box) {
    var target = document.getElementById(box.getAttribute("data-filter-target"));
    var input = box.querySelector("input[type=search]"), flagged = box.querySelector("input[type=checkbox]");
    var out = document.getElementById(box.getAttribute("data-filter-target") + "-count");
    if (!target || !input) return;
    // A long list (data-page) shows its first items; "Toon alle" or a search shows the others.
    var page = parseInt(target.getAttribute("data-page") || "0", 10), expanded = false, moreButton = null;
    if (page && target.querySelectorAll("[data-filter-item]").length > page) {
      moreButton = el("button", null, null);
      moreButton.type = "button";
      moreButton.addEventListener("click", function () { expanded = true; run(); });
      var holder = el("p");
      holder.appendChild(moreButton);
      target.parentNode.insertBefore(holder, target.nextSibling);
    }
    function run() {
      if (target.id === "docs") addMoreDocuments();  // a search looks at every document
      var items = target.querySelectorAll("[data-filter-item]");
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean), n = 0;
      var searching = words.length > 0 || (flagged && flagged.checked);
      Array.prototype.forEach.call(items, function (it, k) {
        var text = it.textContent.toLowerCase();
        var ok = words.every(function (w) { return text.indexOf(w) >= 0; }) && (!flagged || !flagged.checked || it.hasAttribute("data-flagged"));
        it.hidden = !ok || (page > 0 && !expanded && !searching && k >= page);
        if (ok) n++;
      });
      if (moreButton) {
        moreButton.hidden = expanded || searching;
        moreButton.textContent = "Toon alle " + items.length + " (nog " + (items.length - page) + ")";
      }
      if (out) out.textContent = (words.length || (flagged && flagged.checked)) ? n + " van " + items.length : "";
      if (words.length) openAround(target);
    }
    input.addEventListener("input", run);
    if (flagged) flagged.addEventListener("change", run);
    if (moreButton) run();
  });

  // The documents table holds the first rows; the others (DATA.moreDocuments: path, title, type,
  // date, findings, errors, warnings, info) are made when asked for or when a search needs them.
  function docFilterLink(a) {
    a.addEventListener("click", function (ev) {
      ev.preventDefault();
      apply({ document: a.getAttribute("data-filter-document") });
      update(false);
      $("bevindingen").scrollIntoView();
      sel.document.focus();
    });
  }
  function addMoreDocuments() {
    var rows = DATA.moreDocuments || [], body = document.querySelector("#docs tbody"), button = $("docs-more");
    if (!rows.length || !body) return;
    var frag = document.createDocumentFragment();
    rows.forEach(function (r) {
      var tr = el("tr");
      tr.setAttribute("data-filter-item", "");
      var th = el("th", "path", r[0]);
      th.scope = "row";
      tr.appendChild(th);
      [r[1], r[2], r[3]].forEach(function (v) { tr.appendChild(el("td", null, v)); });
      var n = el("td", "n");
      if (r[4]) {
        var a = el("a", "doc-filter", r[4]);
        a.href = "#bevindingen";
        a.setAttribute("data-filter-document", r[0]);
        docFilterLink(a);
        n.appendChild(a);
      } else n.textContent = "0";
      tr.appendChild(n);
      [r[5], r[6], r[7]].forEach(function (v) { tr.appendChild(el("td", "n", v)); });
      frag.appendChild(tr);
    });
    body.appendChild(frag);
    DATA.moreDocuments = [];
    if (button) button.hidden = true;
  }
  if ($("docs-more")) $("docs-more").addEventListener("click", addMoreDocuments);

  function showMore(n) {
    var frag = document.createDocumentFragment();
    var end = Math.min(matches.length, shown + n);
    for (var i = shown; i < end; i++) frag.appendChild(renderFinding(matches[i]));
    list.appendChild(frag);
    centreMarks(list);
    shown = end;
    more.hidden = shown >= matches.length;
    if (!more.hidden) more.textContent = "Toon meer bevindingen (nog " + (matches.length - shown) + ")";
  }

  function update(fromHash) {
    var s = state();
    var terms = (s.q || "").toLowerCase().split(/\s+/).filter(Boolean);
    matches = FINDINGS.filter(function (f) {
      if (s.severity && f.severity !== s.severity) return false;
      if (s.type && f.type !== s.type) return false;
      if (s.rule && f.rule !== s.rule) return false;
      if (s.document && f.document !== s.document) return false;
      for (var i = 0; i < terms.length; i++) if (f._text.indexOf(terms[i]) < 0) return false;
      return true;
    });
    list.textContent = "";
    shown = 0;
    showMore(PAGE);
    count.textContent = matches.length === FINDINGS.length
      ? FINDINGS.length + " bevindingen"
      : matches.length + " van " + FINDINGS.length + " bevindingen (gefilterd)";
    count.setAttribute("data-count", String(matches.length));
    if (!fromHash) writeHash(s);
  }

  Object.keys(sel).forEach(function (k) { sel[k].addEventListener("change", function () { update(false); }); });
  var timer = null;
  q.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { update(false); }, 150); });
  $("f-reset").addEventListener("click", function () { apply({}); update(false); q.focus(); });
  more.addEventListener("click", function () { showMore(PAGE * 2); });
  Array.prototype.forEach.call(document.querySelectorAll("a.doc-filter"), docFilterLink);
  window.addEventListener("hashchange", function () {
    var s = readHash();
    if (s) { apply(s); update(true); } else showTarget();
  });
  Array.prototype.forEach.call(document.querySelectorAll('a[href^="#"]'), function (a) {
    a.addEventListener("click", function () { setTimeout(showTarget, 0); });
  });
  window.addEventListener("beforeprint", function () {
    showMore(matches.length);
    addMoreDocuments();
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.setAttribute("open", ""); });
  });

  var initial = readHash();
  if (initial) apply(initial);
  update(true);
  if (initial) $("bevindingen").scrollIntoView(); else showTarget();
})();
