// Citations: hovering or focusing a [n] mark opens a popover quoting the evidence sentence
// and naming its report, and highlights the sentence in place; Escape closes it. A click
// opens the report at the evidence and shows a "Back" button that returns to the mark.
// Without this script the marks are plain #anchors and CSS :target highlights them.
(function () {
  "use strict";
  var current = [];
  var popover = null;
  var back = null;
  var origin = null;

  function clear() {
    current.forEach(function (el) { el.classList.remove("evidence"); });
    current = [];
  }

  function evidenceOf(mark) {
    return document.getElementById(mark.getAttribute("data-target"));
  }

  function reportName(target) {
    var report = target.closest("details");
    var summary = report ? report.querySelector("summary") : null;
    return summary ? "Report " + summary.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function ensurePopover() {
    if (!popover) {
      popover = document.createElement("div");
      popover.id = "cite-popover";
      popover.className = "cite-popover";
      popover.setAttribute("role", "tooltip");
      popover.hidden = true;
      document.body.appendChild(popover);
    }
    return popover;
  }

  function showPopover(mark, target) {
    var box = ensurePopover();
    box.textContent = "";
    var quote = document.createElement("q");
    quote.textContent = target.textContent.trim();
    var from = document.createElement("span");
    from.className = "from";
    from.textContent = reportName(target);
    box.appendChild(quote);
    box.appendChild(from);
    box.hidden = false;
    var rect = mark.getBoundingClientRect();
    var width = Math.min(420, document.documentElement.clientWidth - 16);
    box.style.width = width + "px";
    var left = Math.max(8, Math.min(rect.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    box.style.left = left + "px";
    box.style.top = (rect.bottom + window.scrollY + 6) + "px";
    mark.setAttribute("aria-describedby", box.id);
  }

  function hidePopover() {
    if (popover) { popover.hidden = true; }
  }

  function highlight(mark, scroll) {
    var target = evidenceOf(mark);
    if (!target) { return; }
    clear();
    target.classList.add("evidence");
    current.push(target);
    if (!scroll) {
      showPopover(mark, target);
      return;
    }
    hidePopover();
    var report = target.closest("details");
    if (report) { report.open = true; }
    target.scrollIntoView({ block: "center", behavior: "smooth" });
    showBack(mark);
  }

  function showBack(mark) {
    origin = mark;
    if (!back) {
      back = document.createElement("button");
      back.type = "button";
      back.className = "cite-back";
      back.textContent = "\u2190 Back to the summary";
      back.addEventListener("click", function () {
        back.hidden = true;
        if (origin) {
          origin.scrollIntoView({ block: "center", behavior: "smooth" });
          origin.focus({ preventScroll: true });
        }
      });
      document.body.appendChild(back);
    }
    back.hidden = false;
  }

  function bind() {
    document.querySelectorAll("a.cite[data-target]").forEach(function (mark) {
      if (mark.getAttribute("data-bound")) { return; }
      mark.setAttribute("data-bound", "1");
      mark.removeAttribute("title");  // the popover says it better
      mark.addEventListener("mouseenter", function () { highlight(mark, false); });
      mark.addEventListener("focus", function () { highlight(mark, false); });
      mark.addEventListener("mouseleave", hidePopover);
      mark.addEventListener("blur", hidePopover);
      mark.addEventListener("click", function (event) {
        event.preventDefault();
        highlight(mark, true);
        mark.classList.add("active");
        if (history.replaceState) { history.replaceState(null, "", "#" + mark.getAttribute("data-target")); }
      });
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { hidePopover(); }
  });
  document.addEventListener("DOMContentLoaded", bind);
  // live.js replaces the page's content when the story changes: bind the new marks
  document.addEventListener("newsbrief:updated", bind);
})();
