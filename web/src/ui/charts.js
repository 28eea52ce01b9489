// Small SVG charts for the column summaries: a histogram for numbers and
// timestamps, horizontal bars for the most frequent values.
import { formatCount } from '../shared/format.js';
import { h, s } from './dom.js';

/**
 * @param {{ lo: number, hi: number, counts: number[] }} histogram
 * @param {(x: number) => string} label formats a bin edge
 */
export function histogramChart(histogram, label, { width = 300, height = 96, title = 'Histogram' } = {}) {
  const { lo, hi, counts } = histogram;
  const max = Math.max(1, ...counts);
  const plotTop = 6;
  const plotHeight = height - 26;
  const gap = counts.length > 40 ? 0 : 1;
  const barWidth = width / counts.length;
  const discrete = histogram.discrete; // one bar per integer value
  const bars = counts.map((count, i) => {
    const barHeight = count === 0 ? 0 : Math.max(1.5, (count / max) * plotHeight);
    const from = lo + ((hi - lo) * i) / counts.length;
    const to = lo + ((hi - lo) * (i + 1)) / counts.length;
    const range = discrete ? label(from) : `${label(from)} – ${label(to)}`;
    return s(
      'rect',
      {
        class: 'bar',
        x: (i * barWidth + gap / 2).toFixed(2),
        y: (plotTop + plotHeight - barHeight).toFixed(2),
        width: Math.max(0.5, barWidth - gap).toFixed(2),
        height: barHeight.toFixed(2),
      },
      s('title', null, `${range}: ${formatCount(count)}`),
    );
  });
  // Discrete bars are labelled by value under their centres; ranges by their edges.
  const ticks = discrete
    ? [
        s('text', { class: 'tick', x: barWidth / 2, y: height - 4, 'text-anchor': 'middle' }, label(lo)),
        counts.length > 1
          ? s('text', { class: 'tick', x: width - barWidth / 2, y: height - 4, 'text-anchor': 'middle' }, label(hi - 1))
          : null,
      ]
    : [
        s('text', { class: 'tick', x: 0, y: height - 4 }, label(lo)),
        s('text', { class: 'tick', x: width, y: height - 4, 'text-anchor': 'end' }, label(hi)),
      ];
  return s(
    'svg',
    { class: 'chart histogram', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': title },
    s('line', { class: 'axis', x1: 0, x2: width, y1: plotTop + plotHeight + 0.5, y2: plotTop + plotHeight + 0.5 }),
    bars,
    ticks,
  );
}

/** Horizontal bars for [[value, count], ...] out of `total` rows. */
export function topValuesChart(top, total, { width = 300, title = 'Most frequent values' } = {}) {
  const rowHeight = 20;
  const labelWidth = 120;
  const countWidth = 64;
  const barSpace = width - labelWidth - countWidth;
  const max = Math.max(1, ...top.map(([, count]) => count));
  const height = Math.max(rowHeight, top.length * rowHeight);
  const rows = top.map(([value, count], i) => {
    const y = i * rowHeight;
    const shown = value.length > 18 ? `${value.slice(0, 17)}…` : value;
    const share = total ? ` (${((count / total) * 100).toFixed(1)}%)` : '';
    return s(
      'g',
      null,
      s('title', null, `${value}: ${formatCount(count)}${share}`),
      s(
        'text',
        { class: 'label', x: labelWidth - 6, y: y + 14, 'text-anchor': 'end' },
        shown === '' ? '(empty)' : shown,
      ),
      s('rect', {
        class: 'bar',
        x: labelWidth,
        y: y + 4,
        height: rowHeight - 8,
        width: Math.max(1.5, (count / max) * barSpace).toFixed(2),
        rx: 2,
      }),
      s('text', { class: 'count', x: width, y: y + 14, 'text-anchor': 'end' }, formatCount(count)),
    );
  });
  if (!top.length) return h('p', { class: 'muted' }, 'No values.');
  return s(
    'svg',
    { class: 'chart top-values', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': title },
    rows,
  );
}
