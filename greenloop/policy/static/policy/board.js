/* Progress over the years on the supervision board: ECharts line from a json_script block. */
(function () {
  "use strict";
  function draw() {
    var el = document.getElementById("history-chart");
    var source = document.getElementById("history-data");
    if (!el || !source || typeof echarts === "undefined") { return; }
    var rows = JSON.parse(source.textContent);
    var chart = echarts.init(el);
    chart.setOption({
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 48, right: 48, top: 32, bottom: 32 },
      xAxis: { type: "category", data: rows.map(function (r) { return String(r.year); }) },
      yAxis: [
        { type: "value", name: el.dataset.percentLabel, max: 100 },
        { type: "value", name: el.dataset.countLabel }
      ],
      series: [
        { name: el.dataset.percentLabel, type: "line", data: rows.map(function (r) { return r.mean_percent; }) },
        { name: el.dataset.countLabel, type: "bar", yAxisIndex: 1, data: rows.map(function (r) { return r.accepted; }) }
      ]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
