// The console's charts (Apache ECharts from its WebJar): bars and lines over the figures the page was rendered with.
// Amounts arrive as the API writes them (strings in 元) and are drawn as numbers; the page's table holds the exact
// figures. Each chart marks itself data-rendered once drawn (the browser tests wait for it).
window.ledgerCharts = (function () {
  function draw(id, option) {
    var element = document.getElementById(id);
    if (!element || !window.echarts) { return; }
    var chart = echarts.init(element, null, {renderer: 'canvas'});
    chart.setOption(option);
    element.dataset.rendered = 'true';
    window.addEventListener('resize', function () { chart.resize(); });
    return chart;
  }
  function base(title) {
    // no animation: the figures are there at once (and a screenshot shows them whole)
    return {animation: false, title: {text: title, textStyle: {fontSize: 14}}, tooltip: {trigger: 'axis'},
      grid: {left: 60, right: 16, top: 40, bottom: 40}};
  }
  return {
    bar: function (id, title, labels, values) {
      var option = base(title);
      option.xAxis = {type: 'category', data: labels, axisLabel: {interval: 0}};
      option.yAxis = {type: 'value'};
      option.series = [{type: 'bar', data: values.map(Number), itemStyle: {color: '#1f4e79'}}];
      return draw(id, option);
    },
    lines: function (id, title, labels, series, percent) {
      var option = base(title);
      option.legend = {top: 20, data: series.map(function (s) { return s.name; })};
      option.grid.top = 56;
      option.xAxis = {type: 'category', data: labels};
      option.yAxis = {type: 'value', min: percent ? 'dataMin' : 0,
        axisLabel: percent ? {formatter: '{value}%'} : {}};
      option.series = series.map(function (s) { return {name: s.name, type: 'line', data: s.data.map(Number)}; });
      return draw(id, option);
    }
  };
})();
