// Phone navigation: the chapter-list (☰) and page-contents buttons open their panels.
//
// Works around pydata-sphinx-theme issue #2451 (https://github.com/pydata/pydata-sphinx-theme/issues/2451):
// since 0.17 the theme binds its sidebar dialogs to the first `.primary-toggle` and the first
// `.secondary-toggle` in the page, which under sphinx-book-theme are hidden copies in the navbar,
// so the visible buttons in the article header do nothing. A click on any other toggle is passed
// on to the bound one. Remove this file (and its entry in site/course_site/theme.py) once the
// theme binds every toggle.
(function () {
  "use strict";
  document.addEventListener(
    "click",
    function (event) {
      var button = event.target.closest && event.target.closest(".primary-toggle, .secondary-toggle");
      if (!button) {
        return;
      }
      var bound = document.querySelector(
        button.classList.contains("primary-toggle") ? ".primary-toggle" : ".secondary-toggle"
      );
      if (bound && bound !== button) {
        event.preventDefault();
        event.stopPropagation();
        bound.click();
      }
    },
    true
  );
})();
