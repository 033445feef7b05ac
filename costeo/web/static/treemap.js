// The public page's treemap: products -> activities, sized by their exact amounts; labels and
// tooltips show the amounts formatted by the server (money is never formatted from floats).
"use strict";
(function () {
  var box = document.getElementById("treemap");
  var data = document.getElementById("treemap-data");
  if (!box || !data || typeof echarts === "undefined") { return; }
  function prepare(nodes) {
    return nodes.map(function (n) {
      var out = {name: n.name, value: Number(n.value), text: n.text};
      if (n.children && n.children.length) { out.children = prepare(n.children); }
      return out;
    });
  }
  var chart = echarts.init(box, null, {renderer: "svg"});
  chart.setOption({
    animation: false,
    tooltip: {formatter: function (info) {
      return info.data && info.data.text ? info.name + ": " + info.data.text : info.name;
    }},
    series: [{
      type: "treemap", roam: false, nodeClick: "zoomToNode", leafDepth: 2,
      breadcrumb: {show: false},
      label: {show: true, overflow: "truncate", ellipsis: "…", lineHeight: 16, formatter: function (info) {
        return info.data && info.data.text ? info.name + "\n" + info.data.text : info.name;
      }},
      upperLabel: {show: true, height: 24, color: "#1d2433", overflow: "truncate", formatter: function (info) {
        return info.data && info.data.text ? info.name + " · " + info.data.text : info.name;
      }},
      levels: [{itemStyle: {borderWidth: 0, gapWidth: 4}, upperLabel: {show: false}},
               {itemStyle: {borderColor: "#dde3ec", borderWidth: 3, gapWidth: 2}},
               {itemStyle: {borderColor: "#fff", borderWidth: 1, gapWidth: 1}}],
      data: prepare(JSON.parse(data.textContent))
    }]
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
