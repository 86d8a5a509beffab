/*
 * Region maps drawn with Apache ECharts (vendored, see static/vendor/README.md).
 *
 * Every element with a data-geojson-url attribute becomes a map of that GeoJSON
 * FeatureCollection (features carry properties.name in the page's language and
 * properties.code, the region code). Optional attributes:
 *   data-region-code    the region the map shows; its own feature is not a link
 *   data-region-url     page of one region, "{code}" standing for its code
 *   data-label-code     word for "code" in the tooltip
 *   data-error-message  shown (in [data-map-status-for=<id>]) if the map cannot load
 * When drawn, the element gets data-map-ready="true" (browser tests wait for it).
 * No inline styles anywhere: the page runs under a strict Content-Security-Policy.
 */
(function () {
  "use strict";

  var FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
  var PALETTE = ["#cfe8d8", "#b5dcc4", "#d9ecc8", "#bfe0dc", "#a9d4bb", "#e2efd0", "#c6e2cf", "#d4e9e4"];
  var DEFAULT_REGION_URL = "/regions/{code}/";

  function isEnglish() {
    return (document.documentElement.lang || "").toLowerCase().indexOf("en") === 0;
  }

  function statusFor(el) {
    return el.id ? document.querySelector('[data-map-status-for="' + el.id + '"]') : null;
  }

  function showError(el) {
    var message = el.dataset.errorMessage ||
      (isEnglish() ? "The map could not be loaded." : "地图加载失败。");
    var status = statusFor(el);
    if (status) {
      status.textContent = message;
    }
    el.dataset.mapReady = "error";
  }

  function buildOption(mapName, features, el) {
    var codeLabel = el.dataset.labelCode || (isEnglish() ? "Code" : "代码");
    var data = features.map(function (feature, index) {
      var props = feature.properties || {};
      return {
        name: props.name,
        code: props.code,
        itemStyle: { areaColor: PALETTE[index % PALETTE.length] }
      };
    });
    return {
      aria: { enabled: true },
      textStyle: { fontFamily: FONT },
      tooltip: {
        trigger: "item",
        // Drawn on the canvas: an HTML tooltip would need inline styles, which CSP forbids.
        renderMode: "richText",
        backgroundColor: "rgba(20, 52, 38, 0.92)",
        borderWidth: 0,
        padding: [6, 10],
        textStyle: { color: "#ffffff", fontSize: 13, fontFamily: FONT },
        formatter: function (params) {
          var code = params.data && params.data.code ? params.data.code : "";
          return params.name + (code ? "\n" + codeLabel + ": " + code : "");
        }
      },
      series: [{
        type: "map",
        map: mapName,
        roam: false,
        // The map fills its box, keeping its proportions.
        top: 16,
        bottom: 16,
        left: 16,
        right: 16,
        selectedMode: false,
        data: data,
        label: {
          show: true,
          color: "#1d3b2c",
          fontSize: 12,
          fontFamily: FONT,
          // Long (English) names wrap; labels that would still collide are left out:
          // the tooltip and the list beside the map name every region.
          width: 132,
          overflow: "break",
          lineHeight: 14
        },
        labelLayout: { hideOverlap: true },
        itemStyle: { areaColor: "#d7ecdf", borderColor: "#ffffff", borderWidth: 1.2 },
        emphasis: {
          label: { color: "#ffffff", fontWeight: "bold" },
          itemStyle: { areaColor: "#1f7a4d", borderColor: "#ffffff" }
        },
        cursor: "pointer",
        nameProperty: "name"
      }]
    };
  }

  function draw(el, geojson) {
    var features = (geojson && geojson.features) || [];
    if (!features.length) {
      showError(el);
      return;
    }
    var mapName = "greenloop-" + (el.dataset.regionCode || el.id || el.dataset.geojsonUrl);
    window.echarts.registerMap(mapName, geojson);
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(buildOption(mapName, features, el));
    var ownCode = el.dataset.regionCode || "";

    var urlTemplate = el.dataset.regionUrl || DEFAULT_REGION_URL;
    chart.on("click", function (params) {
      var code = params.data && params.data.code;
      if (code && code !== ownCode) {
        window.location.assign(urlTemplate.replace("{code}", encodeURIComponent(code)));
      }
    });

    if (typeof window.ResizeObserver === "function") {
      new window.ResizeObserver(function () { chart.resize(); }).observe(el);
    } else {
      window.addEventListener("resize", function () { chart.resize(); });
    }
    el.dataset.mapReady = "true";
  }

  function load(el) {
    if (!window.echarts) {
      showError(el);
      return;
    }
    fetch(el.dataset.geojsonUrl, {
      credentials: "same-origin",
      headers: { Accept: "application/geo+json, application/json" }
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (geojson) { draw(el, geojson); })
      .catch(function () { showError(el); });
  }

  function init() {
    var elements = document.querySelectorAll("[data-geojson-url]");
    Array.prototype.forEach.call(elements, load);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
