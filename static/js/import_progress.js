// The progress page of a long register's check: ask how far the check has come, move the bar,
// and reload once it is done (the page then shows the preview). Without this script the page
// reloads itself every few seconds (<noscript> refresh).
(function () {
  "use strict";
  var box = document.getElementById("import-progress");
  if (!box) { return; }
  var bar = box.querySelector(".progress-bar");
  var meter = box.querySelector("[role=progressbar]");
  var stage = box.querySelector("[data-stage]");
  var count = box.querySelector("[data-count]");

  function show(state) {
    bar.style.width = state.percent + "%";
    bar.textContent = state.percent + " %";
    meter.setAttribute("aria-valuenow", state.percent);
    stage.textContent = state.stage;
    count.textContent = state.total ? state.count : "";
  }

  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (state.finished) { window.location.reload(); return; }
        show(state);
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }

  window.setTimeout(poll, 1000);
})();
