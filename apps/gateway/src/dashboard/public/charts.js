// Small SVG bar charts for the dashboard, drawn with DOM calls only (no markup strings, so no
// figure or name from the server is ever parsed as HTML) and no inline styles (the page's CSP).

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes; text content when given. */
function svg(name, attributes = {}, text) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** A round upper bound for an axis and its step: 1, 2 or 5 × 10ⁿ, about five ticks; whole steps for counts. */
export function niceScale(max, integer = false) {
  if (!(max > 0)) return { top: 1, step: 1 };
  const rough = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const nice = [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough);
  const step = integer ? Math.max(1, Math.round(nice)) : nice;
  return { top: Math.ceil(max / step) * step, step };
}

const numberFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });
const formatNumber = (value) => numberFormat.format(value);

function legend(series, width) {
  const group = svg('g', { class: 'legend' });
  let x = 0;
  for (const item of series) {
    const entry = svg('g', { transform: `translate(${x},0)` });
    entry.append(svg('rect', { width: 12, height: 12, class: `swatch ${item.className}` }), svg('text', { x: 18, y: 11 }, item.label));
    group.append(entry);
    x += 30 + item.label.length * 14;
  }
  group.setAttribute('transform', `translate(${Math.max(0, width - x)},4)`);
  return group;
}

/**
 * Bars, one row per category, stacked by series: one segment per non-zero value, each carrying its
 * series and value as data attributes (and a tooltip), so a reader and a test can count them.
 *
 * spec: { title, categories: [{ key, label }], series: [{ key, label, className }], value(category, series) → number, unit, integer (counts: whole ticks) }
 */
export function horizontalStackedBars(spec) {
  const width = 640;
  const labelWidth = 120;
  const row = 26;
  const top = 28;
  const plotWidth = width - labelWidth - 60;
  const totals = spec.categories.map((category) => spec.series.reduce((sum, series) => sum + spec.value(category, series), 0));
  const { top: max, step } = niceScale(Math.max(0, ...totals), spec.integer);
  const height = top + spec.categories.length * row + 24;
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': spec.title, class: 'chart horizontal' });
  const x = (value) => labelWidth + (value / max) * plotWidth;
  for (let tick = 0; tick <= max; tick += step) {
    root.append(svg('line', { x1: x(tick), x2: x(tick), y1: top - 4, y2: height - 20, class: 'grid' }), svg('text', { x: x(tick), y: height - 6, class: 'tick', 'text-anchor': 'middle' }, formatNumber(tick)));
  }
  spec.categories.forEach((category, index) => {
    const y = top + index * row;
    const bar = svg('g', { class: 'bar', 'data-key': category.key, 'data-value': totals[index] });
    bar.append(svg('text', { x: labelWidth - 8, y: y + row / 2 + 4, class: 'label', 'text-anchor': 'end' }, category.label));
    let start = 0;
    for (const series of spec.series) {
      const value = spec.value(category, series);
      if (value <= 0) continue;
      const segment = svg('rect', { x: x(start), y: y + 4, width: x(start + value) - x(start), height: row - 8, class: `segment ${series.className}`, 'data-series': series.key, 'data-value': value });
      segment.append(svg('title', {}, `${category.label} ${series.label}：${formatNumber(value)}${spec.unit ?? ''}`));
      bar.append(segment);
      start += value;
    }
    if (totals[index] > 0) bar.append(svg('text', { x: x(start) + 6, y: y + row / 2 + 4, class: 'value' }, formatNumber(totals[index])));
    root.append(bar);
  });
  if (spec.series.length > 1) root.append(legend(spec.series, width));
  return root;
}

/**
 * Columns, one group per category (a year), either side by side per series (`mode: 'grouped'`,
 * every series drawn, zero as a flat column) or stacked (`mode: 'stacked'`, non-zero segments only).
 *
 * spec: { title, mode, categories, series, value(category, series) → number, unit, integer }
 */
export function columns(spec) {
  const width = 640;
  const height = 280;
  const left = 56;
  const top = 28;
  const bottom = 28;
  const plotHeight = height - top - bottom;
  const slot = (width - left - 10) / Math.max(1, spec.categories.length);
  const stacked = spec.mode === 'stacked';
  const heights = spec.categories.map((category) => spec.series.map((series) => spec.value(category, series)));
  const { top: max, step } = niceScale(Math.max(0, ...heights.map((values) => (stacked ? values.reduce((a, b) => a + b, 0) : Math.max(...values)))), spec.integer);
  const y = (value) => top + plotHeight - (value / max) * plotHeight;
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': spec.title, class: `chart columns ${spec.mode}` });
  for (let tick = 0; tick <= max; tick += step) {
    root.append(svg('line', { x1: left, x2: width - 10, y1: y(tick), y2: y(tick), class: 'grid' }), svg('text', { x: left - 6, y: y(tick) + 4, class: 'tick', 'text-anchor': 'end' }, formatNumber(tick)));
  }
  spec.categories.forEach((category, index) => {
    const group = svg('g', { class: 'bar', 'data-key': category.key });
    const x0 = left + index * slot + slot * 0.15;
    const barWidth = (slot * 0.7) / (stacked ? 1 : spec.series.length);
    let base = 0;
    spec.series.forEach((series, position) => {
      const value = heights[index][position];
      if (stacked && value <= 0) return;
      const [from, to] = stacked ? [base, base + value] : [0, value];
      const segment = svg('rect', { x: stacked ? x0 : x0 + position * barWidth, y: y(to), width: Math.max(1, barWidth - 2), height: y(from) - y(to), class: `segment ${series.className}`, 'data-series': series.key, 'data-value': value });
      segment.append(svg('title', {}, `${category.label} ${series.label}：${formatNumber(value)}${spec.unit ?? ''}`));
      group.append(segment);
      base += value;
    });
    group.append(svg('text', { x: left + index * slot + slot / 2, y: height - 10, class: 'label', 'text-anchor': 'middle' }, category.label));
    root.append(group);
  });
  root.append(legend(spec.series, width));
  return root;
}
