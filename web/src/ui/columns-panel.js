// The "Columns" tab: one card per column with its numbers and a chart.
import { formatCount, formatNumber } from '../shared/format.js';
import { $, clear, h } from './dom.js';
import { histogramChart, topValuesChart } from './charts.js';

// Compact UTC times: a date alone at midnight, milliseconds only when present.
const timeLabel = (ms) => {
  const date = new Date(Math.round(ms));
  if (Number.isNaN(date.getTime())) return String(ms);
  const iso = date.toISOString();
  if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
  return iso.replace('T', ' ').replace('.000Z', 'Z');
};

function stat(label, value) {
  return h('div', null, h('dt', null, label), h('dd', null, value));
}

function numberCard(column) {
  const isTime = column.kind === 'time';
  const label = isTime ? timeLabel : formatNumber;
  const what = column.mode === 'size' ? (column.kind === 'bytes' ? 'length (bytes)' : 'size (entries)') : null;
  const list = h(
    'dl',
    { class: isTime ? 'stats two' : 'stats' },
    stat('values', formatCount(column.count)),
    stat('nulls', formatCount(column.nulls)),
    column.nans ? stat('NaN', formatCount(column.nans)) : null,
    stat(what ? `min ${what}` : 'min', column.min === null ? '–' : label(column.min)),
    stat(what ? `max ${what}` : 'max', column.max === null ? '–' : label(column.max)),
    stat(what ? `mean ${what}` : 'mean', column.mean === null ? '–' : label(column.mean)),
  );
  const chart = column.histogram
    ? histogramChart(column.histogram, label, { title: `Distribution of ${column.name}${what ? ` ${what}` : ''}` })
    : h('p', { class: 'muted' }, 'No values.');
  const note = column.sampled
    ? h('p', { class: 'muted small' }, 'Histogram from a uniform sample of 10,000 values; the other numbers are exact.')
    : null;
  return [list, chart, note];
}

function lengthText({ min, max, mean }) {
  return min === max ? formatNumber(min) : `${formatNumber(min)}–${formatNumber(max)}, mean ${formatNumber(mean)}`;
}

function valuesCard(column) {
  const list = h(
    'dl',
    { class: 'stats' },
    stat('values', formatCount(column.count)),
    stat('nulls', formatCount(column.nulls)),
    stat('distinct', `${column.approximate ? '≥ ' : ''}${formatCount(column.distinct)}`),
    column.lengths && column.lengths.count ? stat('length', lengthText(column.lengths)) : null,
  );
  if (column.unique) {
    return [
      list,
      h(
        'p',
        { class: 'muted small' },
        `The first ${formatCount(column.distinct)} values were all different, so values are not counted (an identifier-like column).`,
      ),
    ];
  }
  const note = column.approximate
    ? h('p', { class: 'muted small' }, 'Too many distinct values to count them all: the counts below are lower bounds.')
    : null;
  return [
    list,
    topValuesChart(column.top, column.count + column.nulls, { title: `Most frequent values of ${column.name}` }),
    note,
  ];
}

/** Renders the summaries (from the worker's 'summary' message). */
export function renderColumnsPanel(summary, { partial = false } = {}) {
  const panel = clear($('panel-columns'));
  if (!summary) {
    panel.append(h('p', { class: 'empty-state' }, 'Open an Avro file to see a summary of each column.'));
    return;
  }
  if (partial)
    panel.append(h('p', { class: 'muted notice' }, 'Still decoding: these summaries cover the records read so far.'));
  const cards = summary.map((column) => {
    let body;
    if (column.mode === 'number' || column.mode === 'size') body = numberCard(column);
    else if (column.mode === 'values' || column.mode === 'string') body = valuesCard(column);
    else
      body = [
        h(
          'dl',
          { class: 'stats' },
          stat('values', formatCount(column.count)),
          stat('nulls', formatCount(column.nulls)),
        ),
      ];
    return h(
      'section',
      { class: 'card column-card', dataset: { column: column.name } },
      h('header', { class: 'card-head' }, h('h2', null, column.name), h('span', { class: 'badge' }, column.typeText)),
      body,
    );
  });
  panel.append(h('div', { class: 'cards column-cards' }, cards));
}
