// Live charts of the metrics a model reports (sandbox.metric): one small chart per metric name, each
// with its own scale (a price next to a cost of millions would be a flat line on a shared axis), axis
// labels in SI units (66.4M, not a cut-off "0,000"), colours from the page's theme (canvas text does
// not follow CSS), and each metric's latest value written above its chart, so it is readable without
// hovering.
import uPlot from '../webjars/uplot/1.6.30/dist/uPlot.esm.js';

const COLORS = ['#2563eb', '#16a34a', '#dc2626', '#9333ea', '#ea580c', '#0891b2'];
const HEIGHT = 150;
const SI = [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']];
const STEP_INCREMENTS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6]; // steps are whole

/** A number in at most 4 significant digits with an SI suffix: 66393090 → "66.39M", 0.0042 → "0.0042". */
export function siFormat(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  const magnitude = Math.abs(value);
  for (const [scale, suffix] of SI) {
    if (magnitude >= scale) return `${trim((value / scale).toPrecision(4))}${suffix}`;
  }
  if (magnitude === 0) return '0';
  return magnitude >= 0.001 ? trim(value.toPrecision(4)) : value.toExponential(2);
}

function trim(text) {
  return text.includes('e') || !text.includes('.') ? text : text.replace(/\.?0+$/, '');
}

/** The theme's text, muted and border colours, read from CSS: canvas needs real colours. */
function themeColours(element) {
  const style = getComputedStyle(element);
  const read = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
  return { text: read('--text', style.color), muted: read('--muted', style.color), grid: read('--border', '#ccc') };
}

export class MetricChart {
  constructor(container) {
    this.container = container;
    this.reset(null);
    // A theme switch changes the CSS colours: draw again with the new ones.
    new MutationObserver(() => this.redrawAll()).observe(document.documentElement,
      { attributes: true, attributeFilter: ['data-theme'] });
    new ResizeObserver(() => this.resizeAll()).observe(container);
  }

  reset(jobId) {
    this.jobId = jobId;
    for (const panel of this.panels?.values() ?? []) panel.plot?.destroy();
    this.panels = new Map(); // name -> {element, caption, points: Map(step -> value), plot}
    this.container.replaceChildren();
    this.dirty = false;
  }

  add(metric) {
    if (metric.jobId !== this.jobId) this.reset(metric.jobId);
    let panel = this.panels.get(metric.name);
    if (!panel) panel = this.newPanel(metric.name);
    const step = metric.step ?? panel.points.size;
    panel.points.set(step, metric.value);
    panel.latest = { step, value: metric.value };
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
    const canvas = document.createElement('div');
    element.append(caption, canvas);
    this.container.appendChild(element);
    const panel = { element, value, canvas, points: new Map(), plot: null, colour: COLORS[this.panels.size % COLORS.length] };
    this.panels.set(name, panel);
    return panel;
  }

  draw() {
    this.dirty = false;
    for (const panel of this.panels.values()) {
      if (!panel.stale) continue;
      panel.stale = false;
      const steps = [...panel.points.keys()].sort((a, b) => a - b);
      const data = [steps, steps.map((s) => panel.points.get(s))];
      panel.value.textContent = `${siFormat(panel.latest.value)} at step ${panel.latest.step}`;
      panel.value.title = String(panel.latest.value);
      if (panel.plot) panel.plot.setData(data);
      else this.plot(panel, data);
    }
  }

  plot(panel, data) {
    const colours = themeColours(this.container);
    panel.element.dataset.axisColour = colours.text;
    const axis = { stroke: colours.text, grid: { stroke: colours.grid, width: 1 }, ticks: { stroke: colours.grid, width: 1 } };
    panel.plot = new uPlot({
      width: this.panelWidth(), height: HEIGHT,
      legend: { show: false },
      scales: { x: { time: false } },
      axes: [
        { ...axis, label: 'step', labelSize: 18, size: 32, incrs: STEP_INCREMENTS },
        // wide enough for the longest label, so that none is cut off at the left
        { ...axis, values: (u, ticks) => ticks.map(siFormat),
          size: (u, values) => 18 + 8 * Math.max(3, ...(values ?? []).map((v) => String(v).length)) },
      ],
      series: [{}, { label: panel.element.dataset.metric, stroke: panel.colour, width: 2, spanGaps: true,
        points: { show: data[0].length <= 60 } }],
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
