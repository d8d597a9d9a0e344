// Self-check quizzes (site/course_site/quiz.py): choosing an option marks it as pressed, says in
// the status area whether it is right, in the page's language (the quiz's data-right and
// data-wrong attributes), and shows the explanation. The reader may choose again at any time.
// Loaded deferred, on pages with a quiz only; it needs no other host and no kernel.
(function () {
  "use strict";

  function choose(quiz, options, chosen) {
    var right = options.indexOf(chosen) + 1 === Number(quiz.dataset.answer);
    var verdict = quiz.querySelector(".quiz-verdict");
    options.forEach(function (option) {
      option.setAttribute("aria-pressed", option === chosen ? "true" : "false");
      option.classList.remove("quiz-right", "quiz-wrong");
    });
    chosen.classList.add(right ? "quiz-right" : "quiz-wrong");
    quiz.classList.toggle("quiz-answered-right", right);
    quiz.classList.toggle("quiz-answered-wrong", !right);
    // Emptied first, so that a screen reader announces a second "Not quite." as well.
    verdict.textContent = "";
    window.setTimeout(function () {
      verdict.textContent = right ? quiz.dataset.right : quiz.dataset.wrong;
      quiz.querySelector(".quiz-explanation").hidden = false;
    }, 50);
  }

  document.querySelectorAll(".quiz[data-answer]").forEach(function (quiz) {
    var options = Array.prototype.slice.call(quiz.querySelectorAll(".quiz-option"));
    options.forEach(function (option) {
      option.addEventListener("click", function () {
        choose(quiz, options, option);
      });
    });
  });
})();
