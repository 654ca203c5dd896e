/*
 * The Playground's chart view (issue 17): mount(element, stats) draws a stats answer (chart-query.js's
 * findStats) with ECharts (the UMD build's global `echarts`): the chart, a table of the groups, and
 * PNG/SVG/CSV downloads.
 *
 * An ES module served as it is written (no build step); type-checked by `npm run typecheck`.
 */
import { buildModel, cellText, columnsOf, csvOf, defaultMeasure, numericMeasures } from './chart-model.js';
import { element, saveAs as download } from './dom.js';

/** @typedef {import('./chart-query.js').Stats} Stats */
/** @typedef {import('./chart-query.js').Measure} Measure */
/** @typedef {import('./chart-model.js').ChartModel} ChartModel */
/** @typedef {import('echarts').ECharts} ECharts */
/** An axis that may be either x or y (bars turn sideways). @typedef {import('echarts').XAXisComponentOption & import('echarts').YAXisComponentOption} CartesianAxis */
/**
 * What mount() returns, which always describes what is drawn: the model and the stats drawn, the
 * ECharts instance, whether the series are stacked; dispose() takes the chart down.
 * @typedef {object} MountedChart
 * @property {Pick<ChartModel, 'kind' | 'categories' | 'series' | 'notDrawn'> | null} model
 * @property {ECharts} chart
 * @property {Stats} stats
 * @property {boolean} stacked
 * @property {() => void} dispose
 */

// ---------------------------------------------------------------- drawing

/** Numbers the selects' ids, unique on the page. */
var selectCount = 0;

/** GraphiQL's theme: a class on <body> once chosen in its settings, else the system's. */
function isDark() {
  var classes = document.body.classList;
  if (classes.contains('graphiql-dark')) return true;
  if (classes.contains('graphiql-light')) return false;
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches;
}

/**
 * The colour behind `node` on the page (the first ancestor with an opaque background), for the PNG.
 * @param {Element} node
 * @returns {string}
 */
function backgroundOf(node) {
  for (var current = /** @type {Element | null} */ (node); current; current = current.parentElement) {
    var colour = window.getComputedStyle(current).backgroundColor;
    if (colour && colour !== 'transparent' && !/^rgba\(.*,\s*0\)$/.test(colour)) return colour;
  }
  return '#ffffff';
}

/**
 * @param {Stats} stats
 * @param {ChartModel} model
 * @returns {string}
 */
function titleOf(stats, model) {
  var by = stats.groupBy.length ? ' by ' + stats.groupBy.join(', ') : '';
  return stats.responseKey + ': ' + (model.measure || 'no numeric measure') + by;
}

/**
 * Whether the series may be stacked: several of them, and a measure that adds up (a count or a sum).
 * @param {Measure | null} measure
 * @param {ChartModel} model
 * @returns {boolean}
 */
function stackable(measure, model) {
  return model.series.length > 1 && measure !== null && (measure.name === 'count' || /^sum/.test(measure.name));
}

/**
 * What a line leaves out, said under the title: "Without year: count 8".
 * @param {Stats} stats
 * @param {ChartModel} model
 * @returns {string}
 */
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
 * @param {Stats} stats
 * @param {ChartModel} model
 * @param {boolean} stacked
 * @returns {import('echarts').EChartsOption}
 */
function optionOf(stats, model, stacked) {
  var longest = model.categories.reduce(function (length, category) {
    return Math.max(length, category.length);
  }, 0);
  var sideways = model.kind === 'bar' && (longest > 14 || model.categories.length > 12);
  var many = model.series.length > 1;
  var top = model.notDrawn.length ? 46 : 22;
  /** @type {CartesianAxis} */
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
  /** @type {import('echarts').SliderDataZoomComponentOption} */
  var slider = sideways
    ? { type: 'slider', startValue: 0, endValue: shown - 1, filterMode: 'empty', yAxisIndex: 0, orient: 'vertical', right: 0, width: 16 }
    : { type: 'slider', startValue: 0, endValue: shown - 1, filterMode: 'empty', xAxisIndex: 0, bottom: 0, height: 16 };
  /** @type {import('echarts').InsideDataZoomComponentOption} */
  var inside = { type: 'inside', filterMode: 'empty', zoomOnMouseWheel: false, moveOnMouseWheel: true };
  if (sideways) inside.yAxisIndex = 0;
  else inside.xAxisIndex = 0;
  var dataZoom = scroll ? [slider, inside] : [];
  /** @type {CartesianAxis} */
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

/**
 * Saves `text` as the file `filename` of MIME type `type`.
 * @param {string} filename
 * @param {string} text
 * @param {string} type
 */
function downloadText(filename, text, type) {
  var url = URL.createObjectURL(new Blob([text], { type: type }));
  download(filename, url);
  setTimeout(function () {
    URL.revokeObjectURL(url);
  }, 60000);
}

/**
 * The downloads' file name without its extension: clusterEventStats-kind-year.
 * @param {Stats} stats
 * @returns {string}
 */
function fileStem(stats) {
  return [stats.responseKey].concat(stats.groupBy.map(function (key) { return key.toLowerCase(); })).join('-');
}

/**
 * The table of the groups, the drawn measure's column marked.
 * @param {HTMLElement} container
 * @param {Stats} stats
 * @param {Measure | null} measure
 */
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
 * @param {HTMLElement} target
 * @param {Stats} stats
 * @returns {MountedChart}
 */
export function mount(target, stats) {
  if (!target || !stats) throw new TypeError('chart-view.js mount(element, stats): expected an element and findStats() output; received ' + typeof target + ', ' + typeof stats);
  var echarts = window.echarts;
  if (!echarts) throw new TypeError('chart-view.js mount: window.echarts is not loaded (the page loads echarts.min.js before its modules)');
  var charts = echarts;
  target.textContent = '';
  var root = target.appendChild(element('div', { class: 'playground-chart' }));
  var toolbar = root.appendChild(element('div', { class: 'playground-chart-toolbar', role: 'toolbar', 'aria-label': 'Chart' }));
  var body = root.appendChild(element('div', { class: 'playground-chart-body' }));
  var canvas = body.appendChild(element('div', { class: 'playground-chart-canvas' }));
  var tableBox = body.appendChild(element('div', { class: 'playground-chart-table' }));

  /** @type {HTMLButtonElement | null} */
  var stackButton = null;
  /** @type {{ stats: Stats, measure: Measure | null, stacked: boolean }} */
  var current = { stats: stats, measure: null, stacked: false };
  var theme = isDark() ? 'dark' : null;
  var chart = charts.init(canvas, theme, { renderer: 'canvas' });
  /** @type {MountedChart} */
  var handle = { model: null, chart: chart, stats: stats, stacked: false, dispose: dispose };

  // The chart follows GraphiQL's theme: drawn anew when it changes.
  function followTheme() {
    var next = isDark() ? 'dark' : null;
    if (next === theme) return;
    theme = next;
    chart.dispose();
    chart = charts.init(canvas, theme, { renderer: 'canvas' });
    handle.chart = chart;
    draw();
  }
  var themeWatch = typeof MutationObserver === 'function' ? new MutationObserver(followTheme) : null;
  if (themeWatch) themeWatch.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  var systemTheme = typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  if (systemTheme && systemTheme.addEventListener) systemTheme.addEventListener('change', followTheme);

  /**
   * A labelled <select> in the toolbar.
   * @param {string} labelText
   * @param {string[]} options
   * @param {number} selected the index of the option selected
   * @param {(index: number) => void} onChange
   */
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

  /**
   * @param {string} text
   * @param {() => void} onClick
   * @returns {HTMLButtonElement}
   */
  function button(text, onClick) {
    var node = toolbar.appendChild(element('button', { type: 'button' }, text));
    node.addEventListener('click', onClick);
    return node;
  }

  function draw() {
    var model = buildModel(current.stats, current.measure);
    var stacked = current.stacked && stackable(current.measure, model);
    if (stackButton) {
      stackButton.disabled = !stackable(current.measure, model);
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
      var choices = all;
      select('Stats', choices.map(function (candidate) { return candidate.responseKey; }), choices.indexOf(current.stats), function (index) {
        current.stats = choices[index];
        current.measure = defaultMeasure(current.stats);
        render();
      });
    }
    var numeric = numericMeasures(current.stats);
    if (numeric.length > 1) {
      select('Measure', numeric.map(function (measure) { return measure.key; }), current.measure ? numeric.indexOf(current.measure) : -1, function (index) {
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
      var svgChart = charts.init(null, theme, { renderer: 'svg', ssr: true, width: width, height: height });
      try {
        var model = buildModel(current.stats, current.measure);
        var option = optionOf(current.stats, model, current.stacked && stackable(current.measure, model));
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
