/* Monitoring charts (ECharts, vendored). No inline scripts or styles: CSP. */
(function () {
  "use strict";
  var FONT = '"Noto Sans CJK SC", "Source Han Sans SC", sans-serif';

  function series(el) {
    var data = JSON.parse(el.dataset.chart);
    var chart = window.echarts.init(el);
    chart.setOption({
      aria: { enabled: true }, textStyle: { fontFamily: FONT },
      tooltip: { trigger: "axis", renderMode: "richText" },
      xAxis: { type: "category", data: data.periods },
      yAxis: { type: "value", name: data.unit, scale: true },
      series: [{ type: "line", name: data.name, data: data.values, smooth: false }]
    });
    el.dataset.chartReady = "true";
  }

  function radar(el) {
    var data = JSON.parse(el.dataset.radar);
    var chart = window.echarts.init(el);
    chart.setOption({
      aria: { enabled: true }, textStyle: { fontFamily: FONT },
      tooltip: { renderMode: "richText" },
      legend: { type: "scroll", bottom: 0 },
      radar: { center: ["50%", "46%"], radius: "58%", indicator: data.categories.map(function (c) { return { name: c, min: 60, max: 100 }; }) },
      series: [{ type: "radar", data: data.series.map(function (s) { return { name: s.name, value: s.values }; }) }]
    });
    el.dataset.chartReady = "true";
  }

  function choropleth(el) {
    var values = JSON.parse(el.dataset.values || "[]");
    fetch(el.dataset.choroplethUrl, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (geojson) {
        window.echarts.registerMap("monitoring-prefectures", geojson);
        var byCode = {};
        values.forEach(function (v) { byCode[v.code] = v; });
        var data = (geojson.features || []).map(function (f) {
          var v = byCode[f.properties.code];
          return { name: f.properties.name, value: v ? v.value : null };
        });
        var nums = values.map(function (v) { return v.value; });
        var chart = window.echarts.init(el);
        chart.setOption({
          textStyle: { fontFamily: FONT },
          tooltip: { trigger: "item", renderMode: "richText" },
          visualMap: { min: nums.length ? Math.min.apply(null, nums) : 0, max: nums.length ? Math.max.apply(null, nums) : 1, calculable: true, left: 0, bottom: 0 },
          series: [{ type: "map", map: "monitoring-prefectures", data: data, nameProperty: "name", label: { show: true, fontSize: 11 } }]
        });
        el.dataset.mapReady = "true";
      })
      .catch(function () { el.dataset.mapReady = "error"; });
  }

  function init() {
    if (!window.echarts) { return; }
    Array.prototype.forEach.call(document.querySelectorAll("[data-chart]"), series);
    Array.prototype.forEach.call(document.querySelectorAll("[data-radar]"), radar);
    Array.prototype.forEach.call(document.querySelectorAll("[data-choropleth-url]"), choropleth);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
