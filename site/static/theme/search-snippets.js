// Search results show maths as the page shows it, once, never as TeX source.
//
// Sphinx's search (searchtools.js) builds each result's snippet from the text of the found page.
// Maths there is typeset at build time by KaTeX, which writes each formula twice: as HTML for the
// eye and as MathML carrying the TeX source for screen readers. In a snippet both copies run
// together with the source ("Y=AKα Y = A K^{\alpha} Y=AKα"). This script, loaded on the search
// page only, drops the MathML copy before Sphinx reads the text.
(function () {
  "use strict";
  if (typeof Search === "undefined" || !Search.htmlToText) {
    return;
  }
  var htmlToText = Search.htmlToText;
  Search.htmlToText = function (htmlString, anchor) {
    var page = new DOMParser().parseFromString(htmlString, "text/html");
    page.querySelectorAll(".katex-mathml").forEach(function (mathml) {
      mathml.remove();
    });
    return htmlToText(page.documentElement.outerHTML, anchor);
  };
})();
