/*
 * The Playground's chart view (issue 17), served as a static asset and loaded after echarts.min.js
 * and chart-model.js, before the start-up script. Plain ES2017, no modules: the browser gets
 * exactly this text.
 *
 * window.PlaygroundChart.findStats(result, queryText, variables?) finds the `xStats` answer in a
 * GraphQL result (chart-query.js reads it); .mount(element, stats) draws it (chart, table,
 * PNG/SVG/CSV downloads).
 */
(function () {
  'use strict';

  var element = window.PlaygroundDom.element;
  var download = window.PlaygroundDom.saveAs;
  var chartModel = window.PlaygroundChartModel;
  if (!chartModel) throw new TypeError('chart-view.js: window.PlaygroundChartModel is not loaded (chart-model.js must come before it)');
  var buildModel = chartModel.buildModel;
  var numericMeasures = chartModel.numericMeasures;
  var defaultMeasure = chartModel.defaultMeasure;
  var columnsOf = chartModel.columnsOf;
  var cellText = chartModel.cellText;
  var csvOf = chartModel.csvOf;

  // ---------------------------------------------------------------- drawing

  var STYLE_ID = 'playground-chart-style';
  /** Numbers the selects' ids, unique on the page. */
  var selectCount = 0;
  var STYLE = [
    '.playground-chart { display: flex; flex-direction: column; gap: 8px; height: 100%; min-height: 0; font-size: 13px;',
    '  font-family: var(--font-family, system-ui, sans-serif); }',
    '.playground-chart-toolbar { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }',
    '.playground-chart-toolbar > span { display: inline-flex; gap: 4px; align-items: center; }',
    '.playground-chart-toolbar button, .playground-chart-toolbar select { font: inherit; color: inherit; padding: 3px 8px; border-radius: 4px;',
    '  border: 1px solid hsla(var(--color-neutral, 219, 28%, 32%), 0.4); background: hsla(var(--color-neutral, 219, 28%, 32%), 0.07); cursor: pointer; }',
    '.playground-chart-toolbar button:disabled { opacity: 0.5; cursor: default; }',
    '.playground-chart-toolbar button:hover { background: hsla(var(--color-neutral, 219, 28%, 32%), 0.15); }',
    '.playground-chart-toolbar button[aria-pressed="true"] { background: hsla(var(--color-primary, 320, 95%, 43%), 0.15); border-color: hsl(var(--color-primary, 320, 95%, 43%)); }',
    '.playground-chart-toolbar button:focus-visible, .playground-chart-toolbar select:focus-visible { outline: 2px solid hsl(var(--color-primary, 320, 95%, 43%)); }',
    '.playground-chart-body { display: flex; flex-wrap: wrap; gap: 12px; flex: 1; min-height: 0; overflow: auto; }',
    '.playground-chart-canvas { flex: 1 1 360px; min-width: 280px; height: 380px; }',
    '.playground-chart-table { flex: 0 1 auto; max-width: 100%; overflow: auto; max-height: 380px; }',
    '.playground-chart-table table { border-collapse: collapse; width: 100%; }',
    '.playground-chart-table caption { text-align: left; font-weight: 600; padding-bottom: 4px; }',
    '.playground-chart-table th, .playground-chart-table td { padding: 2px 6px; border-bottom: 1px solid hsla(var(--color-neutral, 219, 28%, 32%), 0.2); text-align: left; }',
    '.playground-chart-table td.number { text-align: right; font-variant-numeric: tabular-nums; }',
  ].join('\n');

  function ensureStyle() {
    if (document.getElementById(STYLE_ID)) return;
    var style = document.createElement('style');
    style.id = STYLE_ID;
    style.textContent = STYLE;
    document.head.appendChild(style);
  }

  /** GraphiQL's theme: a class on <body> once chosen in its settings, else the system's. */
  function isDark() {
    var classes = document.body.classList;
    if (classes.contains('graphiql-dark')) return true;
    if (classes.contains('graphiql-light')) return false;
    return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches;
  }

  /** The colour behind `node` on the page (the first ancestor with an opaque background), for the PNG. */
  function backgroundOf(node) {
    for (var current = node; current && current.nodeType === 1; current = current.parentNode) {
      var colour = window.getComputedStyle(current).backgroundColor;
      if (colour && colour !== 'transparent' && !/^rgba\(.*,\s*0\)$/.test(colour)) return colour;
    }
    return '#ffffff';
  }

  function titleOf(stats, model) {
    var by = stats.groupBy.length ? ' by ' + stats.groupBy.join(', ') : '';
    return stats.responseKey + ': ' + (model.measure || 'no numeric measure') + by;
  }

  /** Whether the series may be stacked: several of them, and a measure that adds up (a count or a sum). */
  function stackable(current, model) {
    return model.series.length > 1 && current.measure !== null && (current.measure.name === 'count' || /^sum/.test(current.measure.name));
  }

  /** What a line leaves out, said under the title: "Without year: count 8". */
  function notDrawnText(stats, model) {
    return model.notDrawn
      .map(function (entry) {
        var values = entry.series
          .filter(function (series) {
            return series.value != null && series.value !== 0;
          })
          .map(function (series) {
            return series.name + ' ' + series.value;
          });
        return 'Without ' + stats.keys[0].name + ' (not on the line): ' + (values.length ? values.join(', ') : 'none');
      })
      .join('; ');
  }

  /**
   * The ECharts option of a model. Long or many category names turn the bars sideways; more bars
   * than fit get a scroll bar on the category axis (the data stays whole: the option, the table and
   * the downloads hold every group).
   */
  function optionOf(stats, model, stacked) {
    var longest = model.categories.reduce(function (length, category) {
      return Math.max(length, category.length);
    }, 0);
    var sideways = model.kind === 'bar' && (longest > 14 || model.categories.length > 12);
    var many = model.series.length > 1;
    var top = model.notDrawn.length ? 46 : 22;
    var categoryAxis = {
      type: 'category',
      data: model.categories,
      axisLabel: sideways
        ? { width: 160, overflow: 'truncate' }
        : { interval: model.categories.length > 24 ? 'auto' : 0, rotate: model.categories.length > 8 ? 40 : 0, width: 120, overflow: 'truncate' },
      inverse: sideways,
    };
    var shown = Math.max(5, Math.floor(30 / Math.max(1, model.series.length)));
    var scroll = model.kind === 'bar' && model.categories.length > shown;
    var axisIndex = sideways ? { yAxisIndex: 0 } : { xAxisIndex: 0 };
    var dataZoom = scroll
      ? [
          Object.assign({ type: 'slider', startValue: 0, endValue: shown - 1, filterMode: 'empty' }, axisIndex, sideways ? { orient: 'vertical', right: 0, width: 16 } : { bottom: 0, height: 16 }),
          Object.assign({ type: 'inside', filterMode: 'empty', zoomOnMouseWheel: false, moveOnMouseWheel: true }, axisIndex),
        ]
      : [];
    var valueAxis = { type: 'value', minInterval: model.measure === 'count' ? 1 : 0 };
    return {
      animation: false,
      backgroundColor: 'transparent',
      // ECharts' own description reads sideways bars as "[value, index]" pairs: say it plainly.
      aria: { enabled: true, label: { description: titleOf(stats, model) + '. ' + notDrawnText(stats, model) + (notDrawnText(stats, model) ? '. ' : '') + 'The table beside the chart lists every group.' } },
      title: {
        text: titleOf(stats, model),
        subtext: notDrawnText(stats, model),
        left: 0,
        top: 0,
        itemGap: 6,
        textStyle: { fontSize: 13, fontWeight: 600, lineHeight: 16 },
        subtextStyle: { fontSize: 12, lineHeight: 16 },
      },
      tooltip: { trigger: 'axis', axisPointer: { type: model.kind === 'line' ? 'line' : 'shadow' } },
      legend: many ? { type: 'scroll', top: top, left: 0, right: 0 } : { show: false },
      grid: { left: 8, right: scroll && sideways ? 40 : 24, top: top + (many ? 38 : 16), bottom: scroll && !sideways ? 32 : 8, containLabel: true },
      dataZoom: dataZoom,
      xAxis: sideways ? valueAxis : categoryAxis,
      yAxis: sideways ? categoryAxis : valueAxis,
      series: model.series.map(function (series) {
        return {
          name: series.name,
          type: model.kind,
          data: series.values,
          stack: stacked ? 'groups' : undefined,
          barMaxWidth: 40,
          connectNulls: false,
          symbolSize: 7,
          emphasis: { focus: 'series' },
        };
      }),
    };
  }

  function downloadText(filename, text, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    download(filename, url);
    setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 60000);
  }

  function fileStem(stats) {
    return [stats.responseKey].concat(stats.groupBy.map(function (key) { return key.toLowerCase(); })).join('-');
  }

  function renderTable(container, stats, measure) {
    container.textContent = '';
    var columns = columnsOf(stats);
    var keyCount = stats.keys.length;
    var table = element('table');
    table.appendChild(element('caption', null, stats.responseKey + ': ' + stats.groups.length + (stats.groups.length === 1 ? ' group' : ' groups')));
    var head = element('tr');
    columns.forEach(function (column) {
      head.appendChild(element('th', { scope: 'col' }, column.title));
    });
    table.appendChild(element('thead')).appendChild(head);
    var body = table.appendChild(element('tbody'));
    stats.groups.forEach(function (group) {
      var row = body.appendChild(element('tr'));
      columns.forEach(function (column, index) {
        var value = column.value(group);
        var cell = element(index < keyCount ? 'th' : 'td', index < keyCount ? { scope: 'row' } : null, cellText(value, index < keyCount));
        if (typeof value === 'number') cell.className = 'number';
        if (measure && index >= keyCount && stats.measures[index - keyCount].key === measure.key) cell.setAttribute('data-measure', 'drawn');
        row.appendChild(cell);
      });
    });
    container.appendChild(table);
  }

  /**
   * Draws `stats` (from findStats) into `element`: a toolbar (which stats field and measure; Stack
   * for the series of two keys when the measure adds up; PNG, SVG and CSV downloads), the chart and
   * a table of the groups. Returns { model, chart, stats, stacked, dispose() }, which always
   * describe what is drawn.
   */
  function mount(target, stats) {
    if (!target || !stats) throw new TypeError('PlaygroundChart.mount(element, stats): expected an element and findStats() output; received ' + typeof target + ', ' + typeof stats);
    if (!window.echarts) throw new TypeError('PlaygroundChart.mount: window.echarts is not loaded (echarts.min.js must come before chart-view.js)');
    ensureStyle();
    target.textContent = '';
    var root = target.appendChild(element('div', { class: 'playground-chart' }));
    var toolbar = root.appendChild(element('div', { class: 'playground-chart-toolbar', role: 'toolbar', 'aria-label': 'Chart' }));
    var body = root.appendChild(element('div', { class: 'playground-chart-body' }));
    var canvas = body.appendChild(element('div', { class: 'playground-chart-canvas' }));
    var tableBox = body.appendChild(element('div', { class: 'playground-chart-table' }));

    var handle = { model: null, chart: null, stats: null, stacked: false, dispose: dispose };
    var stackButton = null;
    var current = { stats: stats, measure: null, stacked: false };
    var theme = isDark() ? 'dark' : null;
    var chart = window.echarts.init(canvas, theme, { renderer: 'canvas' });
    handle.chart = chart;

    // The chart follows GraphiQL's theme: drawn anew when it changes.
    function followTheme() {
      var next = isDark() ? 'dark' : null;
      if (next === theme) return;
      theme = next;
      chart.dispose();
      chart = window.echarts.init(canvas, theme, { renderer: 'canvas' });
      handle.chart = chart;
      draw();
    }
    var themeWatch = typeof MutationObserver === 'function' ? new MutationObserver(followTheme) : null;
    if (themeWatch) themeWatch.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    var systemTheme = typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null;
    if (systemTheme && systemTheme.addEventListener) systemTheme.addEventListener('change', followTheme);

    function select(labelText, options, selected, onChange) {
      var id = 'playground-chart-' + labelText.toLowerCase() + '-' + (selectCount += 1);
      var wrapper = element('span');
      wrapper.appendChild(element('label', { for: id }, labelText));
      var control = wrapper.appendChild(element('select', { id: id }));
      options.forEach(function (option, index) {
        var node = control.appendChild(element('option', { value: String(index) }, option));
        if (index === selected) node.selected = true;
      });
      control.addEventListener('change', function () {
        onChange(Number(control.value));
      });
      toolbar.appendChild(wrapper);
    }

    function button(text, onClick) {
      var node = toolbar.appendChild(element('button', { type: 'button' }, text));
      node.addEventListener('click', onClick);
      return node;
    }

    function draw() {
      var model = buildModel(current.stats, current.measure);
      var stacked = current.stacked && stackable(current, model);
      if (stackButton) {
        stackButton.disabled = !stackable(current, model);
        stackButton.setAttribute('aria-pressed', String(stacked));
      }
      handle.stacked = stacked;
      chart.setOption(optionOf(current.stats, model, stacked), true);
      renderTable(tableBox, current.stats, current.measure);
      handle.model = { kind: model.kind, categories: model.categories, series: model.series, notDrawn: model.notDrawn };
      handle.stats = current.stats;
    }

    function render() {
      toolbar.textContent = '';
      var all = current.stats.all && current.stats.all.length > 1 ? current.stats.all : null;
      if (all) {
        select('Stats', all.map(function (candidate) { return candidate.responseKey; }), all.indexOf(current.stats), function (index) {
          current.stats = all[index];
          current.measure = defaultMeasure(current.stats);
          render();
        });
      }
      var numeric = numericMeasures(current.stats);
      if (numeric.length > 1) {
        select('Measure', numeric.map(function (measure) { return measure.key; }), numeric.indexOf(current.measure), function (index) {
          current.measure = numeric[index];
          draw();
        });
      }
      stackButton = null;
      if (current.stats.keys.length > 1) {
        stackButton = button('Stack', function () {
          current.stacked = !current.stacked;
          draw();
        });
      }
      button('Download PNG', function () {
        download(fileStem(current.stats) + '.png', chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: backgroundOf(canvas) }));
      });
      button('Download SVG', function () {
        var width = Math.max(canvas.clientWidth, 480);
        var height = Math.max(canvas.clientHeight, 320);
        var svgChart = window.echarts.init(null, theme, { renderer: 'svg', ssr: true, width: width, height: height });
        try {
          var model = buildModel(current.stats, current.measure);
          var option = optionOf(current.stats, model, current.stacked && stackable(current, model));
          option.backgroundColor = backgroundOf(canvas);
          svgChart.setOption(option);
          downloadText(fileStem(current.stats) + '.svg', svgChart.renderToSVGString(), 'image/svg+xml');
        } finally {
          svgChart.dispose();
        }
      });
      button('Download CSV', function () {
        downloadText(fileStem(current.stats) + '.csv', csvOf(current.stats), 'text/csv;charset=utf-8');
      });
      current.measure = current.measure || defaultMeasure(current.stats);
      draw();
    }

    var resizer = typeof ResizeObserver === 'function' ? new ResizeObserver(function () { chart.resize(); }) : null;
    if (resizer) resizer.observe(canvas);
    render();

    function dispose() {
      if (resizer) resizer.disconnect();
      if (themeWatch) themeWatch.disconnect();
      if (systemTheme && systemTheme.removeEventListener) systemTheme.removeEventListener('change', followTheme);
      chart.dispose();
      target.textContent = '';
    }
    return handle;
  }

  window.PlaygroundChart = { findStats: chartModel.findStats, mount: mount };
})();
