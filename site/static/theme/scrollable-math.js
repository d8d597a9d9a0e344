// A displayed equation wider than the screen scrolls sideways; keyboard users can reach it too.
//
// On a phone some equations are wider than the column, so `.math` scrolls (book/_static/custom.css).
// axe-core's rule scrollable-region-focusable asks that such a region take the keyboard focus;
// this gives every equation that actually overflows a tab stop (and takes it back when it fits
// again after a resize or rotation), as pydata-sphinx-theme does for wide code blocks.
(function () {
  "use strict";
  function update(equation) {
    if (equation.scrollWidth > equation.clientWidth) {
      equation.setAttribute("tabindex", "0");
    } else {
      equation.removeAttribute("tabindex");
    }
  }
  function start() {
    var equations = document.querySelectorAll(".bd-article div.math");
    var observer = window.ResizeObserver
      ? new ResizeObserver(function (entries) { entries.forEach(function (entry) { update(entry.target); }); })
      : null;
    equations.forEach(function (equation) {
      update(equation);
      if (observer) {
        observer.observe(equation);
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
