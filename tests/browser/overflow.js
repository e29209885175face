// Layout check of a report page, run inside Chromium (tests/suite/browser.rs appends it to a copy
// of the page and reads the DOM back with --dump-dom). It writes, as JSON in
// <pre id="layout-report">, what sticks out:
//   - "scrolled": tables wider than their scroll box (they scroll inside it: recorded, allowed);
//   - "page": how far the page is wider than the window (a page-wide sideways scroll);
//   - "overflows": every element whose box reaches past the card or section holding it (.card,
//     .section, main), by how many pixels, unless a scroll container between them (overflow-x
//     auto, e.g. .table-wrap) holds it and itself fits;
// and the page's height and the window's width, for the record.
(function () {
  var boxes = ".card, .section, main";
  function scrolls(el) {
    var s = getComputedStyle(el);
    return s.overflowX === "auto" || s.overflowX === "scroll" || s.overflowX === "hidden";
  }
  function describe(el) {
    var id = el.tagName.toLowerCase();
    if (el.id) { id += "#" + el.id; }
    if (el.className && typeof el.className === "string") { id += "." + el.className.trim().split(/\s+/).join("."); }
    var text = (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40);
    return id + (text ? " \u201c" + text + "\u201d" : "");
  }
  var overflows = [];
  var all = document.querySelectorAll("main *");
  for (var i = 0; i < all.length; i++) {
    var el = all[i];
    if (el.closest(".sr-only") || el.closest("svg") && el.tagName.toLowerCase() !== "svg") { continue; }
    var r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) { continue; }
    // The nearest card or section, unless a scroll container comes first.
    var p = el.parentElement, box = null;
    while (p) {
      if (p !== el && scrolls(p)) { box = null; break; }
      if (p.matches(boxes)) { box = p; break; }
      p = p.parentElement;
    }
    if (!box) { continue; }
    var b = box.getBoundingClientRect();
    var out = Math.max(r.right - b.right, b.left - r.left);
    if (out > 0.5) {
      overflows.push({ element: describe(el), box: describe(box).slice(0, 60), px: Math.round(out) });
    }
  }
  overflows.sort(function (a, b) { return b.px - a.px; });
  // For the record, not a failure: tables that scroll sideways inside their own box.
  var scrolled = [];
  document.querySelectorAll("main .table-wrap").forEach(function (w) {
    if (w.offsetParent !== null && w.scrollWidth > w.clientWidth + 1) {
      scrolled.push({ element: describe(w.querySelector("table") || w).slice(0, 60), px: w.scrollWidth - w.clientWidth });
    }
  });
  var doc = document.documentElement;
  var report = {
    width: window.innerWidth,
    page: Math.max(0, doc.scrollWidth - window.innerWidth),
    height: Math.max(doc.scrollHeight, document.body.scrollHeight),
    max: overflows.length ? overflows[0].px : 0,
    count: overflows.length,
    overflows: overflows.slice(0, 20),
    scrolled: scrolled.slice(0, 10)
  };
  var text = JSON.stringify(report);
  if (window.parent !== window) { window.parent.postMessage(text, "*"); }
  var pre = document.createElement("pre");
  pre.id = "layout-report";
  pre.textContent = text;
  document.body.appendChild(pre);
})();
