// Autosave through a busy moment. When a save is answered 503 (the database
// was busy and nothing was saved) or gets no answer at all, the question says
// so and is sent again after the server's Retry-After, so an answer is never
// silently lost. Other failures say to reload: sending them again would fail
// the same way. The messages come from the form's data attributes (translated).
(function () {
  "use strict";
  var DEFAULT_SECONDS = 2;
  var MAX_SECONDS = 30;

  // Failures go to the question's alert region, apart from its status
  // region (which says "Saved"), so that they are read once, at once.
  function show(question, text) {
    var code = question.id.slice(2);
    var message = document.createElement("p");
    message.className = "conflict";
    message.textContent = text;
    document.getElementById("status-" + code).replaceChildren();
    document.getElementById("alert-" + code).replaceChildren(message);
  }

  // After a save, each control is marked invalid exactly when the message
  // next to it (which it is described by) has something to say.
  var CONTROLS = {
    current: ".current-level input",
    target: ".target-level input",
    comment: "textarea",
    evidence_url: "input[type=url]",
  };

  function markInvalid(question) {
    var code = question.id.slice(2);
    Object.keys(CONTROLS).forEach(function (field) {
      var errors = document.getElementById("errors-" + code + "-" + field);
      var invalid = !!(errors && errors.textContent.trim());
      question.querySelectorAll(CONTROLS[field]).forEach(function (control) {
        if (invalid) {
          control.setAttribute("aria-invalid", "true");
        } else {
          control.removeAttribute("aria-invalid");
        }
      });
    });
  }

  document.addEventListener("htmx:afterSettle", function (event) {
    var question = event.detail.elt && event.detail.elt.closest
      ? event.detail.elt.closest("fieldset.question") : null;
    if (question) { markInvalid(question); }
  });

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

  // A counter under each comment: how much of its limit is used, and a
  // word when it is over (the server then refuses it; nothing is cut). The
  // counter describes the field; only crossing the limit is announced.
  function counted(field) {
    var limit = parseInt(field.dataset.maxlength, 10);
    var counter = document.createElement("span");
    var announcer = document.createElement("span");
    counter.className = "counter";
    counter.id = field.id + "-counter";
    announcer.className = "visually-hidden";
    announcer.setAttribute("aria-live", "polite");
    field.setAttribute("aria-describedby",
      ((field.getAttribute("aria-describedby") || "") + " " + counter.id).trim());
    field.after(counter, announcer);
    var wasOver = false;
    function update() {
      var count = field.value.length;
      var over = count > limit;
      var text = (over ? field.dataset.overText : field.dataset.counterText)
        .replace("%(count)s", count.toLocaleString())
        .replace("%(limit)s", limit.toLocaleString());
      counter.textContent = text;
      counter.classList.toggle("over", over);
      if (over !== wasOver) { announcer.textContent = over ? text : ""; }
      wasOver = over;
    }
    field.addEventListener("input", update);
    update();
  }

  function countAll() {
    document.querySelectorAll("textarea[data-maxlength]").forEach(counted);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", countAll);
  } else {
    countAll();
  }
})();
