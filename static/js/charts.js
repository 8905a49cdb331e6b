/* The dashboard's charts, drawn with the vendored Chart.js (static/vendor/chartjs) from the JSON in each
   canvas[data-chart] (conference/dashboard/charts.py builds it; the Content-Security-Policy allows no inline script).
   Keys: type ("bar"), labels, datasets [{label, data, color | colors, type, axis}], horizontal (bars along x),
   stacked, percent (a 0-100 % value axis), second_axis (a right-hand axis "y1" for a line dataset), legend (false:
   none), height (px: the chart's box is that tall instead of keeping Chart.js's aspect ratio). The table under each
   chart says the same for screen readers and print; the canvas is aria-hidden. Once drawn the canvas gets
   data-drawn="1". */
(function () {
  "use strict";
  if (!window.Chart) return;
  // Numbers as Vietnamese readers write them ("50,9%"), whatever the browser's language.
  var LOCALE = "vi-VN";
  var number = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 });
  var percentTick = function (value) { return number.format(value) + "%"; };

  function datasetOf(spec) {
    var colour = spec.colors || spec.color;
    var set = { label: spec.label, data: spec.data, backgroundColor: colour, borderColor: colour };
    if (spec.type) set.type = spec.type;
    if (spec.axis) set.yAxisID = spec.axis;
    if (spec.type === "line") { set.fill = false; set.tension = 0.2; set.pointRadius = 2; }
    return set;
  }

  function optionsOf(spec) {
    var value = spec.horizontal ? "x" : "y";
    var category = spec.horizontal ? "y" : "x";
    var scales = {};
    scales[value] = { beginAtZero: true, stacked: !!spec.stacked, ticks: { precision: 0 } };
    scales[category] = { stacked: !!spec.stacked, ticks: { autoSkip: !spec.horizontal } };
    if (spec.percent) {
      scales[value].max = 100;
      scales[value].ticks = { callback: percentTick };
    }
    if (spec.second_axis) {
      scales.y1 = { position: "right", beginAtZero: true, grid: { drawOnChartArea: false }, ticks: { precision: 0 } };
    }
    return {
      locale: LOCALE,
      indexAxis: spec.horizontal ? "y" : "x",
      responsive: true,
      maintainAspectRatio: !spec.height,
      animation: false,
      scales: scales,
      plugins: { legend: { display: spec.legend !== false, position: "bottom" } }
    };
  }

  Array.prototype.forEach.call(document.querySelectorAll("canvas[data-chart]"), function (canvas) {
    var spec;
    try { spec = JSON.parse(canvas.dataset.chart); } catch (error) { return; }
    if (spec.height) canvas.parentElement.style.height = spec.height + "px";
    new window.Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets: spec.datasets.map(datasetOf) },
      options: optionsOf(spec)
    });
    canvas.dataset.drawn = "1";
  });
})();
