// Autosave through a busy moment. When a save is answered 503 (the database
// was busy and nothing was saved) or gets no answer at all, the question says
// so and is sent again after the server's Retry-After, so an answer is never
// silently lost. Other failures say to reload: sending them again would fail
// the same way. The messages come from the form's data attributes (translated).
(function () {
  "use strict";
  var DEFAULT_SECONDS = 2;
  var MAX_SECONDS = 30;

  function show(question, text) {
    var status = document.getElementById("status-" + question.id.slice(2));
    var message = document.createElement("p");
    message.className = "conflict";
    message.textContent = text;
    status.replaceChildren(message);
  }

  function retryLater(question, xhr) {
    var form = question.closest("form");
    var seconds = parseInt(xhr && xhr.getResponseHeader("Retry-After"), 10);
    if (!(seconds >= 0)) { seconds = DEFAULT_SECONDS; }
    show(question, form.dataset.retryingText);
    window.setTimeout(function () {
      window.htmx.trigger(question, "change");
    }, Math.min(seconds, MAX_SECONDS) * 1000);
  }

  function isQuestion(element) {
    return element && element.matches && element.matches("fieldset.question");
  }

  document.addEventListener("htmx:responseError", function (event) {
    var question = event.detail.elt;
    if (!isQuestion(question)) { return; }
    if (event.detail.xhr.status === 503) {
      retryLater(question, event.detail.xhr);
    } else {
      show(question, question.closest("form").dataset.failedText);
    }
  });

  document.addEventListener("htmx:sendError", function (event) {
    if (isQuestion(event.detail.elt)) { retryLater(event.detail.elt, null); }
  });
})();
