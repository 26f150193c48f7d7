// Shared page behaviour: the JSON-twin link, the write token, review forms. Data is only ever put
// into the page with textContent, never as HTML.
(function () {
  "use strict";

  function twinLink() {
    var link = document.getElementById("json-twin");
    if (!link) return;
    var params = new URLSearchParams(window.location.search);
    params.set("format", "json");
    link.href = window.location.pathname + "?" + params.toString();
  }

  function tokenInput() { return document.getElementById("token"); }

  function setupToken() {
    var input = tokenInput();
    if (!input) return;
    input.value = sessionStorage.getItem("flashpoint-token") || "";
    input.addEventListener("change", function () { sessionStorage.setItem("flashpoint-token", input.value.trim()); });
  }

  function actorList(value) {
    return value.split(/[,;\s]+/).filter(Boolean).map(function (code) { return code.toUpperCase(); });
  }

  function reviewBody(form) {
    var get = function (name) { var el = form.elements[name]; return el ? el.value.trim() : ""; };
    var body = { action: get("action"), reviewer: get("reviewer") };
    if (get("note")) body.note = get("note");
    if (body.action === "correct") {
      var corrected = {};
      if (get("event")) corrected.event = get("event");
      if (get("actor")) corrected.actor = actorList(get("actor"));
      if (get("recipient")) corrected.recipient = actorList(get("recipient"));
      if (get("date")) corrected.date = get("date");
      if (get("country") || get("place")) {
        corrected.event_loc = { resolved_place: get("place") || null, country_code: get("country").toUpperCase() || null };
      }
      ["dead", "injured"].forEach(function (key) {
        if (get(key) !== "") corrected[key] = parseInt(get(key), 10);
      });
      body.corrected = corrected;
    }
    return body;
  }

  function showStatus(form, ok, text) {
    var status = form.querySelector(".status");
    status.className = "status " + (ok ? "ok" : "fail");
    status.textContent = text;
  }

  function setupReviews() {
    var reviewer = sessionStorage.getItem("flashpoint-reviewer") || "";
    document.querySelectorAll("form.review-form").forEach(function (form) {
      if (reviewer && form.elements.reviewer && !form.elements.reviewer.value) form.elements.reviewer.value = reviewer;
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var token = (tokenInput() && tokenInput().value.trim()) || sessionStorage.getItem("flashpoint-token") || "";
        if (tokenInput()) sessionStorage.setItem("flashpoint-token", token);
        var body = reviewBody(form);
        sessionStorage.setItem("flashpoint-reviewer", body.reviewer);
        var id = form.getAttribute("data-event-id");
        fetch("/api/events/" + encodeURIComponent(id) + "/review", {
          method: "POST",
          headers: { "Content-Type": "application/json", "Authorization": "Bearer " + token },
          body: JSON.stringify(body)
        }).then(function (response) {
          return response.json().then(function (data) { return { ok: response.ok, data: data }; });
        }).then(function (result) {
          if (!result.ok) { showStatus(form, false, result.data.error ? result.data.error.message : "failed"); return; }
          var e = result.data.event;
          showStatus(form, true, "saved: " + body.action + " → " + e.event + " " + (e.date || "") );
          var item = form.closest(".queue-item");
          if (item) {
            item.classList.add("reviewed");
            var typeEl = item.querySelector(".q-event");
            if (typeEl) typeEl.textContent = e.event;
            var dateEl = item.querySelector(".q-date");
            if (dateEl) dateEl.textContent = e.date || "undated";
          }
        }).catch(function (error) { showStatus(form, false, String(error)); });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { twinLink(); setupToken(); setupReviews(); });
})();
