// Live line chart of the metrics a model reports (sandbox.metric), one series per metric name.
import uPlot from '../webjars/uplot/1.6.30/dist/uPlot.esm.js';

const COLORS = ['#2563eb', '#16a34a', '#dc2626', '#9333ea', '#ea580c', '#0891b2'];

export class MetricChart {
  constructor(container) {
    this.container = container;
    this.reset(null);
  }

  reset(jobId) {
    this.jobId = jobId;
    this.names = [];
    this.points = new Map(); // name -> Map(step -> value)
    this.steps = new Set();
    if (this.plot) this.plot.destroy();
    this.plot = null;
    this.container.replaceChildren();
    this.dirty = false;
  }

  add(metric) {
    if (metric.jobId !== this.jobId) this.reset(metric.jobId);
    if (!this.points.has(metric.name)) {
      this.names.push(metric.name);
      this.points.set(metric.name, new Map());
      if (this.plot) { this.plot.destroy(); this.plot = null; }
    }
    const series = this.points.get(metric.name);
    const step = metric.step ?? series.size;
    this.steps.add(step);
    series.set(step, metric.value);
    if (!this.dirty) {
      this.dirty = true;
      requestAnimationFrame(() => this.draw());
    }
  }

  draw() {
    this.dirty = false;
    const steps = [...this.steps].sort((a, b) => a - b);
    const data = [steps, ...this.names.map((n) => steps.map((s) => this.points.get(n).get(s) ?? null))];
    if (!this.plot) {
      const width = Math.max(280, this.container.clientWidth || 600);
      this.plot = new uPlot({
        width, height: 260,
        scales: { x: { time: false } },
        axes: [{ label: 'step', stroke: 'currentColor' }, { stroke: 'currentColor' }],
        series: [{ label: 'step' }, ...this.names.map((name, i) => ({ label: name, stroke: COLORS[i % COLORS.length], width: 2, spanGaps: true }))],
      }, data, this.container);
      new ResizeObserver(() => this.plot && this.plot.setSize({ width: Math.max(280, this.container.clientWidth), height: 260 }))
        .observe(this.container);
    } else {
      this.plot.setData(data);
    }
  }
}
