// Live updates: the story list and an open story listen to /api/events and, when the
// store changes (``watch`` stored reports), fetch the page again and swap its content in,
// keeping the scroll position and open report panels. The list also marks stories that
// are new or updated since the reader's last visit (kept in localStorage).
(function () {
  "use strict";
  var KEY = "newsbrief.lastVisit";
  var story = location.pathname.match(/^\/stories\/(\d+)$/);
  var isList = location.pathname === "/";
  var isFeeds = location.pathname === "/feeds";
  var baseline = null;
  try { baseline = window.localStorage.getItem(KEY); } catch (e) { baseline = null; }
  var opened = new Date().toISOString();

  function status(text) {
    var region = document.getElementById("live-status");
    if (!region) {
      region = document.createElement("p");
      region.id = "live-status";
      region.className = "live-status";
      region.setAttribute("role", "status");
      document.body.appendChild(region);
    }
    region.textContent = text;
  }

  function marks() {
    if (!isList) { return; }
    document.querySelectorAll("li.story-item").forEach(function (item) {
      var mark = item.querySelector(".mark");
      if (!mark) { return; }
      var since = baseline || opened;
      var created = item.getAttribute("data-created") || "";
      var updated = item.getAttribute("data-updated") || "";
      var label = created > since ? "new" : (updated > since ? "updated" : "");
      mark.textContent = label;
      mark.className = label ? "mark " + label : "mark";
      if (label) { mark.removeAttribute("aria-hidden"); }
    });
  }

  function refresh() {
    fetch(location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("main");
        var main = document.querySelector("main");
        if (!fresh || !main) { return; }
        var parts = main.querySelectorAll("[data-live-part][id]");
        if (parts.length) {  // only these change (the feeds page keeps its form as typed)
          parts.forEach(function (part) {
            var next = fresh.querySelector("#" + part.id);
            if (next) { part.innerHTML = next.innerHTML; }
          });
          status("The feeds were polled.");
          return;
        }
        var open = [];
        main.querySelectorAll("details[id][open]").forEach(function (d) { open.push(d.id); });
        var y = window.scrollY;
        main.innerHTML = fresh.innerHTML;
        open.forEach(function (id) {
          var d = document.getElementById(id);
          if (d) { d.open = true; }
        });
        window.scrollTo(0, y);
        marks();
        document.body.setAttribute("data-updated-at", new Date().toISOString());
        document.dispatchEvent(new CustomEvent("newsbrief:updated"));
        status(story ? "This story was updated with new reports." : "The story list was updated.");
      })
      .catch(function () { /* the next change event retries */ });
  }

  // A returning reader: replace "what changed since the previous briefing" with what
  // changed since their last visit to this story.
  function sinceLastVisit() {
    if (!story) { return; }
    var key = "newsbrief.story." + story[1];
    var last = null;
    try { last = window.localStorage.getItem(key); } catch (e) { last = null; }
    window.addEventListener("pagehide", function () {
      try { window.localStorage.setItem(key, new Date().toISOString()); } catch (e) { /* private mode */ }
    });
    if (!last) { return; }
    fetch("/stories/" + story[1] + "/changes?since=" + encodeURIComponent(last), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        var slot = document.querySelector(".changes-slot");
        if (html === null || !slot) { return; }
        var fresh = new DOMParser().parseFromString(html, "text/html").body;
        slot.textContent = "";
        while (fresh.firstChild) { slot.appendChild(fresh.firstChild); }
      })
      .catch(function () { /* keep the server's version */ });
  }

  document.addEventListener("DOMContentLoaded", function () {
    marks();
    sinceLastVisit();
    if ((!story && !isList && !isFeeds) || !window.EventSource) { return; }
    var query = story ? "?story=" + story[1] : (isFeeds ? "?topic=feeds" : "");
    var source = new EventSource("/api/events" + query);
    source.addEventListener("change", refresh);
    document.body.setAttribute("data-live", "on");
  });

  window.addEventListener("pagehide", function () {
    if (!isList) { return; }
    try { window.localStorage.setItem(KEY, new Date().toISOString()); } catch (e) { /* private mode */ }
  });
})();
