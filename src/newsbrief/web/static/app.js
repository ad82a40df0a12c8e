// Citations: hovering, focusing or clicking a [n] mark highlights the evidence sentence
// in its report; a click also opens the report and scrolls the sentence into view.
// Without this script the marks are plain #anchors and CSS :target highlights them.
(function () {
  "use strict";
  var current = [];

  function clear() {
    current.forEach(function (el) { el.classList.remove("evidence"); });
    current = [];
  }

  function highlight(mark, scroll) {
    var target = document.getElementById(mark.getAttribute("data-target"));
    if (!target) { return; }
    clear();
    target.classList.add("evidence");
    current.push(target);
    if (scroll) {
      var report = target.closest("details");
      if (report) { report.open = true; }
      target.scrollIntoView({ block: "center", behavior: "smooth" });
    }
  }

  function bind() {
    document.querySelectorAll("a.cite[data-target]").forEach(function (mark) {
      mark.addEventListener("mouseenter", function () { highlight(mark, false); });
      mark.addEventListener("focus", function () { highlight(mark, false); });
      mark.addEventListener("click", function (event) {
        event.preventDefault();
        highlight(mark, true);
        mark.classList.add("active");
        if (history.replaceState) { history.replaceState(null, "", "#" + mark.getAttribute("data-target")); }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", bind);
  // live.js replaces the page's content when the story changes: bind the new marks
  document.addEventListener("newsbrief:updated", bind);
})();
