// Timeline chart on the person / actor page. Data comes from a JSON <script> block
// (never evaluated as code); Chart.js draws on the canvas, so no text becomes HTML.
(function () {
  "use strict";
  var holder = document.getElementById("timeline-data");
  var canvas = document.getElementById("timeline");
  if (!holder || !canvas || typeof Chart === "undefined") { return; }
  var data = JSON.parse(holder.textContent);
  window.onrecordChart = new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [
        { label: "quoted", data: data.quoted, backgroundColor: "#2457c5" },
        { label: "acts (event source)", data: data.acts, backgroundColor: "#e07a1f" }
      ]
    },
    options: {
      animation: false, responsive: true, maintainAspectRatio: false,
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { position: "bottom" } }
    }
  });
})();
