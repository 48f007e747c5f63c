// The chart of an experiment's chosen metric: SVG bars grouped by input, a bar per model version in its own colour
// (a failed verdict outlined in the theme's red), each bar's value above it, a zero line, and a legend naming the
// versions. Labels are SVG text nodes set with textContent, so names stay text.
import { barOf, barScale, numberText } from './experimentresults.js';

const SVG = 'http://www.w3.org/2000/svg';
const COLOURS = ['#2563eb', '#ea580c', '#16a34a', '#9333ea', '#0891b2', '#ca8a04', '#db2777', '#64748b'];
const PLOT = 160; // height of the bars' area
const TOP = 18; // room for the value above the tallest bar
const BOTTOM = 34; // room for the input names
const BAR = 26;
const GAP = 6; // between the bars of one input
const GROUP_GAP = 28;

/** Draws data (pivot(): models and rows of cells) into box; labels: modelId -> name; metric: what the values are. */
export function drawBars(box, data, labels, metric) {
  const values = data.rows.flatMap((row) => row.cells.map((cell) => cell.value));
  const scale = barScale(values);
  const groupWidth = data.models.length * BAR + (data.models.length - 1) * GAP;
  const width = GROUP_GAP + data.rows.length * (groupWidth + GROUP_GAP);
  const height = TOP + PLOT + BOTTOM;
  const svg = element('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', class: 'experiment-bars' });
  svg.setAttribute('aria-label', `${metric} per input and model version`);
  const zero = TOP + barOf(0, scale, PLOT).y;
  data.rows.forEach((row, r) => {
    const left = GROUP_GAP + r * (groupWidth + GROUP_GAP);
    row.cells.forEach((cell, m) => {
      if (cell.value === null) return;
      const { y, height: h } = barOf(cell.value, scale, PLOT);
      const x = left + m * (BAR + GAP);
      const bar = element('rect', { x, y: TOP + y, width: BAR, height: Math.max(h, 1), fill: COLOURS[m % COLOURS.length],
        class: `bar verdict-${cell.verdict === 'n/a' ? 'na' : cell.verdict}` });
      Object.assign(bar.dataset, { model: cell.modelId, input: cell.input, value: String(cell.value) });
      const tip = element('title');
      tip.textContent = `${labels.get(cell.modelId)} on ${cell.input}: ${numberText(cell.value)} (${cell.verdict})`;
      bar.appendChild(tip);
      const label = text(numberText(cell.value), x + BAR / 2, Math.max(11, TOP + y - 4), 'bar-value');
      svg.append(bar, label);
    });
    const name = text(row.input, left + groupWidth / 2, TOP + PLOT + 20, 'bar-input');
    name.dataset.input = row.input;
    svg.appendChild(name);
  });
  svg.appendChild(element('line', { x1: 0, x2: width, y1: zero, y2: zero, class: 'zero-line' }));
  box.replaceChildren(svg, legend(data.models, labels));
  box.dataset.metric = metric;
  box.dataset.bars = String(svg.querySelectorAll('rect.bar').length);
}

function legend(models, labels) {
  const list = document.createElement('div');
  list.className = 'metric-legend';
  models.forEach((modelId, m) => {
    const item = document.createElement('span');
    item.className = 'metric-run';
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = COLOURS[m % COLOURS.length];
    const name = document.createElement('span');
    name.textContent = labels.get(modelId);
    item.append(swatch, name);
    list.appendChild(item);
  });
  return list;
}

function text(content, x, y, className) {
  const node = element('text', { x, y, 'text-anchor': 'middle', class: className });
  node.textContent = content;
  return node;
}

function element(name, attributes = {}) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  return node;
}
