// The live word count of an essay (templates/quizzes/question_types/essay.html). It counts as
// quizzes.question_types.essay.count_words does on the server: a word is a run of letters and digits of any
// script; diacritics and tatweel stay inside words; punctuation (، ؛ ؟ included) and spaces separate them;
// apostrophes and hyphens between letters, and a number's separators between digits, do not.
(function () {
  "use strict";

  var INSIDE_WORD = /[\u0640\u200c\u200d\u00ad]/;
  var LETTER = /\p{L}/u;
  var DIGIT = /\p{N}/u;
  var MARK = /\p{M}/u;
  var LETTER_JOINERS = "'\u2019\u02bc-\u2010\u2011";
  var DIGIT_JOINERS = ",.\u066b\u066c";

  function countWords(text) {
    var count = 0;
    var previous = "";
    for (var character of text || "") {
      if (INSIDE_WORD.test(character)) continue;
      if (LETTER.test(character) || DIGIT.test(character)) {
        var current = DIGIT.test(character) ? "digit" : "letter";
        if (previous === "" || (previous === "joiner-digit" && current !== "digit")) count += 1;
        previous = current;
      } else if (MARK.test(character)) {
        continue;
      } else if (previous === "letter" && LETTER_JOINERS.indexOf(character) >= 0) {
        previous = "joiner-letter";
      } else if (previous === "digit" && DIGIT_JOINERS.indexOf(character) >= 0) {
        previous = "joiner-digit";
      } else if (previous === "digit" && LETTER_JOINERS.indexOf(character) >= 0) {
        previous = "joiner-letter";
      } else {
        previous = "";
      }
    }
    return count;
  }

  function update(input) {
    var essay = input.closest("[data-essay]");
    if (!essay) return;
    var count = countWords(input.value);
    var least = parseInt(essay.dataset.minWords, 10) || 0;
    var most = parseInt(essay.dataset.maxWords, 10) || 0;
    var output = essay.querySelector("[data-essay-count]");
    if (output) output.textContent = String(count);
    var tooFew = essay.querySelector("[data-essay-too-few]");
    if (tooFew) tooFew.hidden = !(least && input.value.trim() && count < least);
    var tooMany = essay.querySelector("[data-essay-too-many]");
    if (tooMany) tooMany.hidden = !(most && count > most);
  }

  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("[data-essay-input]")) update(event.target);
  });

  window.tarikhCountWords = countWords;
})();
