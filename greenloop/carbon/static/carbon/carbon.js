/* Charts of the carbon pages, drawn from the JSON block #carbon-data (no inline script). */
(function () {
  "use strict";
  var FONT = "system-ui, 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif";

  function data() {
    var el = document.getElementById("carbon-data");
    return el ? JSON.parse(el.textContent) : {};
  }

  function chart(id) {
    var el = document.getElementById(id);
    if (!el || !window.echarts) { return null; }
    var c = window.echarts.init(el, null, { renderer: "canvas" });
    window.addEventListener("resize", function () { c.resize(); });
    return c;
  }

  function bar(id, items, labelKey, valueKey) {
    var c = chart(id);
    if (!c || !items || !items.length) { return; }
    c.setOption({
      aria: { enabled: true }, textStyle: { fontFamily: FONT },
      tooltip: { trigger: "axis", renderMode: "richText" },
      grid: { left: 8, right: 24, top: 16, bottom: 24, containLabel: true },
      xAxis: { type: "value" },
      yAxis: { type: "category", inverse: true, data: items.map(function (i) { return i[labelKey]; }) },
      series: [{ type: "bar", data: items.map(function (i) { return i[valueKey]; }), itemStyle: { color: "#1f7a4d" } }]
    });
  }

  function series(d) {
    var c = chart("chart-series");
    if (!c || !d.series) { return; }
    c.setOption({
      aria: { enabled: true }, textStyle: { fontFamily: FONT },
      tooltip: { trigger: "axis", renderMode: "richText" },
      xAxis: { type: "category", data: d.series.map(function (r) { return String(r.year); }) },
      yAxis: { type: "value", name: d.labels.total },
      series: [{ type: "line", data: d.series.map(function (r) { return r.total; }), itemStyle: { color: "#1f7a4d" } }]
    });
  }

  function sankey(d) {
    var c = chart("chart-sankey");
    if (!c || !d.sankey) { return; }
    var names = {};
    d.sankey.links.forEach(function (l) { names[l.source] = true; names[l.target] = true; });
    c.setOption({
      aria: { enabled: true }, textStyle: { fontFamily: FONT },
      tooltip: { trigger: "item", renderMode: "richText" },
      series: [{
        type: "sankey", emphasis: { focus: "adjacency" },
        data: Object.keys(names).map(function (n) { return { name: n }; }),
        links: d.sankey.links
      }]
    });
  }

  function prefectureMap(d) {
    var el = document.getElementById("chart-map");
    if (!el || !window.echarts || !d.prefectures) { return; }
    fetch(el.dataset.geojsonUrl, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (geojson) {
        window.echarts.registerMap("carbon-qinghai", geojson);
        var byCode = {};
        d.prefectures.forEach(function (p) { byCode[p.code] = p; });
        var values = [];
        (geojson.features || []).forEach(function (f) {
          var p = byCode[f.properties.code];
          if (p) {
            values.push({ name: f.properties.name, value: p.mt_co2, estimate: p.estimate });
          }
        });
        var max = Math.max.apply(null, values.map(function (v) { return v.value; }).concat([1]));
        var c = window.echarts.init(el, null, { renderer: "canvas" });
        c.setOption({
          aria: { enabled: true }, textStyle: { fontFamily: FONT },
          tooltip: {
            trigger: "item", renderMode: "richText",
            formatter: function (p) {
              var est = p.data && p.data.estimate ? " (" + d.labels.estimate + ")" : "";
              return p.name + ": " + (p.value ? p.value.toFixed(2) : "—") + " Mt" + est;
            }
          },
          visualMap: { min: 0, max: max, calculable: true, inRange: { color: ["#e8f4ec", "#1f7a4d"] } },
          series: [{ type: "map", map: "carbon-qinghai", nameProperty: "name", data: values }]
        });
      })
      .catch(function () { el.textContent = ""; });
  }

  function effects(d) {
    bar("chart-effects", d.effects, "label", "value");
  }

  function scenario(d) {
    var c = chart("chart-scenario");
    var r = d.results;
    if (!c || !r) { return; }
    var years = r.years.map(String);
    var lower = r.band_p05;
    var width = r.band_p95.map(function (v, i) { return v - lower[i]; });
    c.setOption({
      aria: { enabled: true }, textStyle: { fontFamily: FONT },
      tooltip: { trigger: "axis", renderMode: "richText" },
      legend: { data: [d.labels.central, d.labels.consumption, d.labels.median, d.labels.band] },
      xAxis: { type: "category", data: years },
      yAxis: { type: "value", name: "Mt CO2" },
      series: [
        { name: "p05", type: "line", data: lower, stack: "band", lineStyle: { opacity: 0 }, symbol: "none" },
        { name: d.labels.band, type: "line", data: width, stack: "band", lineStyle: { opacity: 0 },
          areaStyle: { color: "rgba(31,122,77,0.2)" }, symbol: "none" },
        { name: d.labels.median, type: "line", data: r.band_p50, lineStyle: { type: "dashed" }, symbol: "none" },
        { name: d.labels.consumption, type: "line", data: r.consumption, symbol: "none",
          lineStyle: { type: "dotted" }, itemStyle: { color: "#8a5a00" } },
        { name: d.labels.central, type: "line", data: r.emissions, itemStyle: { color: "#1f7a4d" },
          markPoint: { data: [{ name: d.labels.peak, coord: [String(r.peak_year), r.peak_value] }] } }
      ]
    });
  }

  function init() {
    var d = data();
    series(d);
    bar("chart-sectors", d.sectors, "name", "mt_co2");
    bar("chart-fuels", d.fuels, "name", "mt_co2");
    sankey(d);
    prefectureMap(d);
    effects(d);
    scenario(d);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
