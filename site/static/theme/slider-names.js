// Widget sliders speak like they look: each handle is named by its slider's label, and its value
// text is the readout's (0.42, not 0.42000000000000004).
//
// The widget renderer draws sliders with noUiSlider, whose handles (role="slider") have no name
// and announce the raw floating-point value. This script, loaded on pages with widgets, labels
// every handle with its slider's visible label (aria-labelledby) and copies the readout into
// aria-valuetext: a range slider's readout "1978 – 2019" gives 1978 to the lower handle and 2019
// to the upper. It runs again whenever the renderer redraws a widget or moves a handle.
(function () {
  "use strict";
  var NUMBER = /[-+\u2212]?\d[\d,]*(?:\.\d+)?%?/g;
  var counter = 0;

  function nameHandles(slider) {
    var label = slider.querySelector(".widget-label");
    var readout = slider.querySelector(".widget-readout");
    var handles = slider.querySelectorAll(".noUi-handle");
    if (label && label.textContent.trim()) {
      if (!label.id) {
        counter += 1;
        label.id = "course-slider-label-" + counter;
      }
      handles.forEach(function (handle) {
        if (handle.getAttribute("aria-labelledby") !== label.id) {
          handle.setAttribute("aria-labelledby", label.id);
        }
      });
    }
    if (!readout) {
      return;
    }
    var text = readout.textContent.trim();
    var numbers = text.match(NUMBER) || [];
    handles.forEach(function (handle, index) {
      var wanted = handles.length > 1 && numbers.length === handles.length ? numbers[index] : text;
      if (wanted && handle.getAttribute("aria-valuetext") !== wanted) {
        handle.setAttribute("aria-valuetext", wanted);
      }
    });
  }

  function nameAll() {
    document.querySelectorAll(".widget-slider").forEach(nameHandles);
  }

  var pending = false;
  new MutationObserver(function () {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        nameAll();
      });
    }
  }).observe(document.documentElement, {
    subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["aria-valuetext"],
  });
  nameAll();
})();
