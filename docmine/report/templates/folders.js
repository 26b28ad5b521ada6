(function () {
  "use strict";
  // The search field above the folders table: hide the rows that do not contain every word typed.
  Array.prototype.forEach.call(document.querySelectorAll(".section-filter"), function (box) {
    var target = document.getElementById(box.getAttribute("data-filter-target"));
    var input = box.querySelector("input[type=search]");
    var out = document.getElementById(box.getAttribute("data-filter-target") + "-count");
    if (!target || !input) return;
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean), n = 0;
      var items = target.querySelectorAll("[data-filter-item]");
      Array.prototype.forEach.call(items, function (it) {
        var text = it.textContent.toLowerCase();
        it.hidden = !words.every(function (w) { return text.indexOf(w) >= 0; });
        if (!it.hidden) n++;
      });
      if (out) out.textContent = words.length ? n + " van " + items.length : "";
    });
  });
  // A link to a rule (#controle-ID, from findings.sarif) opens its explanation.
  function showTarget() {
    var t = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (t && t.tagName === "DETAILS") { t.open = true; t.scrollIntoView(); }
  }
  window.addEventListener("hashchange", showTarget);
  showTarget();
})();
