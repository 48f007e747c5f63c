// Live charts of the metrics a model reports (sandbox.metric): one small chart per metric name, each
// with its own scale (a price next to a cost of millions would be a flat line on a shared axis), axis
// labels in SI units (66.4M, not a cut-off "0,000"), colours from the page's theme (canvas text does
// not follow CSS), and each metric's latest value written above its chart, so it is readable without
// hovering. Two runs can share the charts (the Results card's comparison): each metric's chart then
// has a series per run, in the theme's two series colours, with a legend naming the jobs.
import uPlot from '../webjars/uplot/1.6.30/dist/uPlot.esm.js';
import { siFormat } from './format.js';

export { siFormat }; // browser tests import it from here

const COLORS = ['#2563eb', '#16a34a', '#dc2626', '#9333ea', '#ea580c', '#0891b2'];
const RUN_COLOURS = [['--series-a', '#2563eb'], ['--series-b', '#ea580c']]; // a comparison's runs, from the theme
const HEIGHT = 150;
const STEP_INCREMENTS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6]; // steps are whole

/** The theme's text, muted and border colours, read from CSS: canvas needs real colours. */
function themeColours(element) {
  const style = getComputedStyle(element);
  const read = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
  return { text: read('--text', style.color), muted: read('--muted', style.color), grid: read('--border', '#ccc'),
    runs: RUN_COLOURS.map(([name, fallback]) => read(name, fallback)) };
}

// uPlot draws NaN as a point at the bottom: a non-finite value (sent as the text "NaN") is a gap.
const finite = (value) => (Number.isFinite(Number(value)) ? Number(value) : null);

export class MetricChart {
  constructor(container) {
    this.container = container;
    this.reset(null);
    // A theme switch changes the CSS colours: draw again with the new ones.
    new MutationObserver(() => this.redrawAll()).observe(document.documentElement,
      { attributes: true, attributeFilter: ['data-theme'] });
    new ResizeObserver(() => this.resizeAll()).observe(container);
  }

  /** Empties the charts for jobId, and for compareId beside it when given. */
  reset(jobId, compareId = null) {
    this.jobId = jobId;
    this.runs = compareId ? [jobId, compareId] : [jobId];
    for (const panel of this.panels?.values() ?? []) panel.plot?.destroy();
    this.panels = new Map(); // name -> {element, value, canvas, series: [Map(x -> value) per run], latest, plot}
    this.container.replaceChildren();
    this.container.dataset.runs = this.runs.filter(Boolean).join(' ');
    this.dirty = false;
  }

  /**
   * One point of a run: {jobId, name, value, step, x}. x is where it goes on the axis (the step, or
   * the job's seq when it has none); without x the step or the series' length is used. A point of a
   * job not shown starts that job's charts (the live chart follows the job that reports).
   */
  add(metric) {
    let run = this.runs.indexOf(metric.jobId);
    if (run < 0) {
      this.reset(metric.jobId);
      run = 0;
    }
    const panel = this.panels.get(metric.name) ?? this.newPanel(metric.name);
    const series = panel.series[run];
    const x = metric.x ?? metric.step ?? series.size;
    if (metric.step === null || metric.step === undefined) panel.bySeq = true;
    series.set(x, finite(metric.value));
    panel.received[run] += 1; // more than the points when one came twice: tests read it
    const latest = panel.latest[run];
    if (!latest || x >= latest.x) panel.latest[run] = { x, value: metric.value };
    panel.stale = true;
    if (!this.dirty) {
      this.dirty = true;
      requestAnimationFrame(() => this.draw());
    }
  }

  newPanel(name) {
    const element = document.createElement('figure');
    element.className = 'metric-panel';
    element.dataset.metric = name;
    const caption = document.createElement('figcaption');
    const title = document.createElement('span');
    title.className = 'metric-name';
    title.textContent = name;
    const value = document.createElement('span');
    value.className = 'metric-value';
    caption.append(title, value);
    const legend = this.runs.length > 1 ? this.newLegend() : null;
    const canvas = document.createElement('div');
    element.append(caption, ...(legend ? [legend.element] : []), canvas);
    this.container.appendChild(element);
    const panel = { element, value, legend, canvas, series: this.runs.map(() => new Map()), received: this.runs.map(() => 0), latest: [], plot: null,
      colour: COLORS[this.panels.size % COLORS.length] };
    this.panels.set(name, panel);
    return panel;
  }

  // The jobs' ids in their series' colours, each with its latest value.
  newLegend() {
    const element = document.createElement('div');
    element.className = 'metric-legend';
    const values = this.runs.map((jobId, run) => {
      const item = document.createElement('span');
      item.className = `metric-run run-${run}`;
      item.dataset.job = jobId;
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      const label = document.createElement('code');
      label.textContent = jobId;
      const value = document.createElement('span');
      value.className = 'muted';
      item.append(swatch, label, ' ', value);
      element.appendChild(item);
      return value;
    });
    return { element, values };
  }

  draw() {
    this.dirty = false;
    for (const panel of this.panels.values()) {
      if (!panel.stale) continue;
      panel.stale = false;
      const data = this.dataOf(panel);
      this.caption(panel);
      if (panel.plot) panel.plot.setData(data);
      else this.plot(panel, data);
    }
  }

  // uPlot wants one x array: the union of the runs' x values, a run's missing ones as gaps.
  dataOf(panel) {
    const xs = [...new Set(panel.series.flatMap((series) => [...series.keys()]))].sort((a, b) => a - b);
    panel.element.dataset.points = String(panel.series[0].size);
    panel.element.dataset.received = panel.received.join(' ');
    if (panel.series.length > 1) panel.element.dataset.comparePoints = String(panel.series[1].size);
    panel.element.dataset.series = String(panel.series.filter((series) => series.size > 0).length);
    return [xs, ...panel.series.map((series) => xs.map((x) => (series.has(x) ? series.get(x) : null)))];
  }

  caption(panel) {
    const where = (latest) => `${siFormat(finite(latest.value) ?? NaN) || latest.value} at ${panel.bySeq ? '#' : 'step '}${latest.x}`;
    const first = panel.latest[0];
    panel.value.textContent = first ? where(first) : '';
    panel.value.title = first ? String(first.value) : '';
    panel.legend?.values.forEach((value, run) => {
      value.textContent = panel.latest[run] ? where(panel.latest[run]) : 'no points';
    });
  }

  plot(panel, data) {
    const colours = themeColours(this.container);
    panel.element.dataset.axisColour = colours.text;
    const axis = { stroke: colours.text, grid: { stroke: colours.grid, width: 1 }, ticks: { stroke: colours.grid, width: 1 } };
    const compared = panel.series.length > 1;
    panel.plot = new uPlot({
      width: this.panelWidth(), height: HEIGHT,
      legend: { show: false },
      scales: { x: { time: false } },
      axes: [
        { ...axis, label: panel.bySeq ? 'seq' : 'step', labelSize: 18, size: 32, incrs: STEP_INCREMENTS },
        // wide enough for the longest label, so that none is cut off at the left
        { ...axis, values: (u, ticks) => ticks.map(siFormat),
          size: (u, values) => 18 + 8 * Math.max(3, ...(values ?? []).map((v) => String(v).length)) },
      ],
      series: [{}, ...this.runs.map((jobId, run) => ({
        label: compared ? jobId : panel.element.dataset.metric,
        stroke: compared ? colours.runs[run] : panel.colour, width: 2, spanGaps: true,
        points: { show: data[0].length <= 60 },
      }))],
    }, data, panel.canvas);
  }

  panelWidth() {
    const width = this.container.clientWidth || 600;
    const columns = width >= 900 && this.panels.size > 1 ? 2 : 1;
    return Math.max(260, Math.floor(width / columns) - 16);
  }

  resizeAll() {
    for (const panel of this.panels.values()) panel.plot?.setSize({ width: this.panelWidth(), height: HEIGHT });
  }

  /** Draws every chart again (a new theme): uPlot bakes its colours in when it is made. */
  redrawAll() {
    for (const panel of this.panels.values()) {
      panel.plot?.destroy();
      panel.plot = null;
      panel.canvas.replaceChildren();
      panel.stale = true;
    }
    this.draw();
  }
}
