/* Market page charts: depth (cumulative bids and asks) and daily prices, from the JSON API. */
(function () {
  "use strict";

  function fetchJson(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) { throw new Error(r.status); }
      return r.json();
    });
  }

  function cumulative(levels) {
    var total = 0;
    return levels.map(function (level) {
      total += Number(level.quantity);
      return [Number(level.price), total];
    });
  }

  function depth(el) {
    fetchJson(el.dataset.url).then(function (book) {
      var chart = echarts.init(el);
      chart.setOption({
        animation: false,
        tooltip: { trigger: "axis" },
        legend: { data: [el.dataset.bidLabel, el.dataset.askLabel] },
        grid: { left: 64, right: 20 },
        xAxis: { type: "value", scale: true },
        yAxis: { type: "value" },
        series: [
          { name: el.dataset.bidLabel, type: "line", step: "end", areaStyle: {}, color: "#1f7a4d",
            data: cumulative(book.bids).reverse() },
          { name: el.dataset.askLabel, type: "line", step: "start", areaStyle: {}, color: "#b02020",
            data: cumulative(book.asks) }
        ]
      });
    }).catch(function () { el.textContent = "—"; });
  }

  function price(el) {
    fetchJson(el.dataset.url).then(function (data) {
      var chart = echarts.init(el);
      var days = data.candles.map(function (c) { return c.day; });
      chart.setOption({
        animation: false,
        tooltip: { trigger: "axis" },
        grid: [{ left: 64, right: 20, height: "55%" }, { left: 64, right: 20, top: "75%", height: "15%" }],
        xAxis: [{ type: "category", data: days }, { type: "category", data: days, gridIndex: 1 }],
        yAxis: [{ scale: true }, { gridIndex: 1, splitNumber: 2 }],
        series: [
          { type: "candlestick", data: data.candles.map(function (c) {
              return [Number(c.open), Number(c.close), Number(c.low), Number(c.high)];
            }), itemStyle: { color: "#b02020", color0: "#1f7a4d", borderColor: "#b02020", borderColor0: "#1f7a4d" } },
          { name: el.dataset.volumeLabel, type: "bar", xAxisIndex: 1, yAxisIndex: 1,
            data: data.candles.map(function (c) { return Number(c.volume); }) }
        ]
      });
    }).catch(function () { el.textContent = "—"; });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var d = document.getElementById("markets-depth");
    var p = document.getElementById("markets-price");
    if (window.echarts) {
      if (d) { depth(d); }
      if (p) { price(p); }
    }
  });
})();
