/*
 * Charts of the enterprise monitoring pages (Apache ECharts, vendored). Data comes from
 * <script type="application/json"> elements (Django's json_script); no inline scripts or styles.
 *   [data-line=ID]      daily line: [{day, tce}]
 *   [data-months=ID]    monthly bars against the monthly share of the yearly cap: [{month, tce, target}]
 *   [data-geojson-url]  prefecture map with the enterprises of [data-points=ID]: [{name, value:[lon,lat], url}]
 */
(function () {
  "use strict";

  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : [];
  }

  function line(el) {
    var rows = data(el.dataset.line);
    echarts.init(el).setOption({
      tooltip: { trigger: "axis", renderMode: "richText" },
      xAxis: { type: "category", data: rows.map(function (r) { return r.day; }) },
      yAxis: { type: "value", name: "tce" },
      series: [{ name: el.dataset.label, type: "line", showSymbol: false,
                 data: rows.map(function (r) { return r.tce; }) }]
    });
  }

  function months(el) {
    var rows = data(el.dataset.months);
    echarts.init(el).setOption({
      tooltip: { trigger: "axis", renderMode: "richText" },
      legend: {},
      xAxis: { type: "category", data: rows.map(function (r) { return r.month; }) },
      yAxis: { type: "value", name: "tce" },
      series: [
        { name: el.dataset.label, type: "bar", data: rows.map(function (r) { return r.tce; }) },
        { name: el.dataset.targetLabel, type: "line", data: rows.map(function (r) { return r.target; }) }
      ]
    });
  }

  function map(el) {
    var points = data(el.dataset.points);
    fetch(el.dataset.geojsonUrl, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (geojson) {
        echarts.registerMap("enterprise-prefectures", geojson);
        var chart = echarts.init(el);
        chart.setOption({
          tooltip: { trigger: "item", renderMode: "richText" },
          geo: { map: "enterprise-prefectures", roam: true,
                 itemStyle: { areaColor: "#d9ecc8", borderColor: "#5b8c6f" } },
          series: [{ type: "scatter", coordinateSystem: "geo", symbolSize: 9, data: points }]
        });
        chart.on("click", function (params) {
          if (params.data && params.data.url) { window.location.href = params.data.url; }
        });
        el.dataset.mapReady = "true";
      })
      .catch(function () { el.dataset.mapReady = "error"; });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (typeof echarts === "undefined") { return; }
    document.querySelectorAll("[data-line]").forEach(line);
    document.querySelectorAll("[data-months]").forEach(months);
    document.querySelectorAll("[data-geojson-url]").forEach(function (el) {
      if (el.dataset.geojsonUrl) { map(el); }
    });
  });
})();
