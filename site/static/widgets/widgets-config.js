// Loaded after RequireJS and before the widget renderer (embed-amd.js) on pages with widgets.
(function () {
  "use strict";

  // The renderer's AMD modules work out where their icon fonts are from the URL RequireJS gives
  // each module. Without a mapping that URL is next to the page, where no fonts are; with it,
  // the modules resolve to this folder (_static/widgets/), which holds the fonts. No module is
  // ever looked for on another host.
  var here = new URL(".", document.currentScript.src).href;
  window.requirejs.config({
    paths: {
      "@jupyter-widgets/base": here + "base",
      "@jupyter-widgets/controls": here + "controls",
      "@jupyter-widgets/base7": here + "base7",
      "@jupyter-widgets/controls7": here + "controls7",
      "@jupyter-widgets/html-manager": here + "html-manager",
      "@jupyter-widgets/html-manager/dist/libembed-amd": here + "libembed-amd",
    },
  });

  // The renderer typesets widget labels with the MathJax 2 call MathJax.Hub.Queue, which
  // MathJax 3 (the version Sphinx loads) lacks. Translate it before the widgets render: this
  // listener runs before the renderer's own "load" listener, which is added later.
  window.addEventListener("load", function () {
    var mathjax = window.MathJax;
    if (!mathjax || mathjax.Hub || !mathjax.version) {
      return;
    }
    mathjax.Hub = {
      Queue: function () {
        for (var i = 0; i < arguments.length; i++) {
          var job = arguments[i];
          if (Array.isArray(job) && job[0] === "Typeset" && mathjax.typesetPromise) {
            mathjax.typesetPromise(job[2] ? [job[2]] : undefined).catch(function () {});
          }
        }
      },
    };
  });
})();
