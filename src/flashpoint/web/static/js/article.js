// Article view: a click on a highlight marks the records it stands for, and the reverse.
(function () {
  "use strict";
  function clear() {
    document.querySelectorAll(".active").forEach(function (el) { el.classList.remove("active"); });
  }
  function recordFor(target) {
    return document.querySelector('.rec[data-target="' + CSS.escape(target) + '"]');
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("#article-text a.hl").forEach(function (mark) {
      mark.addEventListener("click", function (event) {
        event.preventDefault();
        clear();
        mark.classList.add("active");
        var first = null;
        (mark.getAttribute("data-targets") || "").split(" ").forEach(function (target) {
          var rec = target && recordFor(target);
          if (rec) { rec.classList.add("active"); first = first || rec; }
        });
        if (first) first.scrollIntoView({ block: "nearest" });
      });
    });
    document.querySelectorAll(".rec[data-target]").forEach(function (rec) {
      rec.addEventListener("click", function () {
        clear();
        rec.classList.add("active");
        var target = rec.getAttribute("data-target");
        var first = null;
        document.querySelectorAll("#article-text a.hl").forEach(function (mark) {
          if ((" " + mark.getAttribute("data-targets") + " ").indexOf(" " + target + " ") >= 0) {
            mark.classList.add("active"); first = first || mark;
          }
        });
        if (first) first.scrollIntoView({ block: "center" });
      });
    });
    if (window.location.hash) {
      var rec = document.getElementById(window.location.hash.slice(1));
      if (rec) rec.click();
    }
  });
})();
