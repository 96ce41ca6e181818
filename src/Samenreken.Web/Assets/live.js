// The dashboard's live progress: server-sent events from /runs/live, written into the page with textContent only.
(function () {
  "use strict";
  var section = document.getElementById("live");
  if (!section || !window.EventSource) { return; }
  var shownState = section.getAttribute("data-state");
  var source = new EventSource(section.getAttribute("data-live"));

  function cell(row, text) {
    var td = document.createElement("td");
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  source.onmessage = function (event) {
    var view = JSON.parse(event.data);
    document.getElementById("live-state").textContent = view.stateText;
    var failure = document.getElementById("live-failure");
    failure.textContent = view.failure || "";
    failure.hidden = !view.failure;
    var body = document.querySelector("#live-phases tbody");
    body.replaceChildren();
    view.phases.forEach(function (phase) {
      var row = document.createElement("tr");
      cell(row, phase.phase);
      cell(row, phase.done + " / " + phase.total);
      var bar = document.createElement("progress");
      bar.max = 100;
      bar.value = phase.percent;
      bar.setAttribute("aria-label", phase.phase);
      var td = cell(row, " " + phase.percent + "%");
      td.insertBefore(bar, td.firstChild);
      cell(row, phase.rate);
      cell(row, phase.remaining);
      body.appendChild(row);
    });
    // A run that ends changes the list of runs and the start button: show the page anew.
    if (shownState === "running" && (view.state === "completed" || view.state === "failed")) {
      source.close();
      window.location.reload();
    }
    shownState = view.state;
  };
})();
