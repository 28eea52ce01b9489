// The viewer page. Everything heavy happens in the worker (worker/worker.js);
// this thread only routes events, renders what is visible, and keeps every
// task short: progress arrives at most every 100 ms, rows a page at a time.
import { formatCount, formatDuration, formatSize } from '../shared/format.js';
import { DecoderClient } from './client.js';
import { renderColumnsPanel } from './columns-panel.js';
import { $, clear, copyButton, h } from './dom.js';
import { Grid } from './grid.js';
import { renderHeaderPanel, updateHeaderStats } from './header-panel.js';
import { setupMessagePanel } from './message-panel.js';
import { renderTree, setTreeOpen } from './tree.js';

const HARD_CANCEL_MS = 3000; // a block that does not finish within this after Cancel: restart the worker
const TABS = ['records', 'header', 'columns', 'message'];

const state = {
  session: 0,
  header: null,
  stats: null,
  decoding: false,
  total: 0,
  queryGen: 0,
  filters: {},
  sort: null,
  search: '',
  summary: null,
  summaryPartial: false,
  hardCancel: 0,
  tab: 'records',
  // Panels not on screen are rendered when their tab is opened, not on every
  // event: keeps the main thread's tasks short while a big file decodes.
  stale: { header: true, columns: true },
};

const client = new DecoderClient(onEvent);
const grid = new Grid($('grid'), {
  requestRows: (start, count, gen) => client.post({ type: 'rows', session: state.session, start, count, gen }),
  openRecord: (row, column, nested) => openInspector(row, nested ? column : null),
  onQuery: ({ sort, filters }) => {
    state.sort = sort;
    state.filters = filters;
    runQuery();
  },
});
setupMessagePanel(client);
setupTabs();
setupFileInputs();
setupToolbar();
document.body.dataset.state = 'empty';

// ---- opening files -------------------------------------------------------

function openFile(file) {
  if (!file) return;
  clearTimeout(state.hardCancel);
  state.session++;
  Object.assign(state, {
    header: null,
    stats: null,
    decoding: true,
    total: 0,
    queryGen: 0,
    filters: {},
    sort: null,
    search: '',
    summary: null,
  });
  $('search').value = '';
  document.body.dataset.state = 'decoding';
  $('file-bar').hidden = false;
  $('file-name').textContent = file.name || 'data.avro';
  $('file-meta').textContent = formatSize(file.size);
  $('progress').value = 0;
  $('progress').hidden = false;
  $('cancel').hidden = false;
  $('cancel').disabled = false;
  setStatus('Reading the header…');
  hideError();
  closeInspector();
  $('dropzone').hidden = true;
  $('records').hidden = false;
  $('row-count').textContent = '';
  $('query-status').textContent = '';
  $('export-status').textContent = '';
  grid.setColumns([]);
  markStale('header', 'columns');
  selectTab('records');
  client.post({ type: 'open', session: state.session, file });
}

function setupFileInputs() {
  const input = $('file-input');
  input.addEventListener('change', () => {
    openFile(input.files[0]);
    input.value = ''; // choosing the same file again still fires 'change'
  });
  const overlay = $('drop-overlay');
  let depth = 0;
  const hasFiles = (event) => [...(event.dataTransfer?.types ?? [])].includes('Files');
  window.addEventListener('dragenter', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth++;
    overlay.hidden = false;
  });
  window.addEventListener('dragover', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  });
  window.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) overlay.hidden = true;
  });
  window.addEventListener('drop', (event) => {
    event.preventDefault();
    depth = 0;
    overlay.hidden = true;
    const file = event.dataTransfer?.files?.[0];
    if (file) openFile(file);
  });
  $('cancel').addEventListener('click', () => {
    if (!state.decoding) return;
    $('cancel').disabled = true;
    setStatus('Cancelling…');
    client.post({ type: 'cancel', session: state.session });
    const session = state.session;
    state.hardCancel = setTimeout(() => {
      if (state.session !== session || !state.decoding) return;
      // The worker is stuck inside one enormous block: stop it the hard way.
      client.restart();
      state.decoding = false;
      document.body.dataset.state = 'cancelled';
      $('cancel').hidden = true;
      setStatus('Cancelled.');
      showError({
        title: 'Decoding was stopped',
        message: 'The decoder did not stop in time and was restarted. Open the file again to view it.',
      });
      grid.setRowCount(0, -1);
    }, HARD_CANCEL_MS);
  });
}

// ---- events from the worker -------------------------------------------------

function onEvent(data) {
  if (data.type === 'workerError') {
    state.decoding = false;
    document.body.dataset.state = 'error';
    showError({ title: 'The decoder stopped', message: data.message });
    return;
  }
  if (data.session !== undefined && data.session !== state.session) return; // an older file
  switch (data.type) {
    case 'header':
      state.header = data;
      grid.setColumns(data.columns);
      markStale('header');
      setStatus('Decoding…');
      break;
    case 'progress':
      $('progress').value = data.total ? data.bytes / data.total : 0;
      setStatus(`Decoding… ${percent(data.bytes, data.total)} · ${formatCount(data.rows)} records`);
      state.total = data.rows;
      state.stats = { ...data, compressed: 0, uncompressed: 0, complete: false };
      if (state.queryGen === 0) grid.setRowCount(data.rows, 0);
      updateRowCount(data.rows, data.rows);
      if (state.tab === 'header') updateHeaderStats(state.stats);
      break;
    case 'summary':
      state.summary = data.columns;
      state.summaryPartial = data.partial;
      markStale('columns');
      break;
    case 'done':
      onDone(data);
      break;
    case 'rows':
      grid.receive(data);
      break;
    case 'view':
      if (data.gen !== state.queryGen) break;
      grid.setRowCount(data.count, data.gen);
      updateRowCount(data.count, data.total);
      $('query-status').textContent = '';
      break;
    case 'queryProgress':
      if (data.gen === state.queryGen) $('query-status').textContent = `Working… ${Math.round(data.fraction * 100)}%`;
      break;
    case 'failed':
      if (data.request === 'query') $('query-status').textContent = '';
      showError({
        title: `Could not ${data.request === 'rows' ? 'read rows' : data.request}`,
        message: data.error.message,
      });
      break;
    default:
  }
}

function onDone(data) {
  clearTimeout(state.hardCancel);
  state.decoding = false;
  state.total = data.rows;
  state.stats = { ...data, complete: !data.cancelled && !data.error };
  $('progress').value = data.total ? data.bytes / data.total : 1;
  $('cancel').hidden = true;
  if (state.queryGen === 0) grid.setRowCount(data.rows, 0);
  updateRowCount(data.rows, data.rows);
  const summary = `${plural(data.rows, 'record')} in ${plural(data.blocks, 'block')}, ${formatDuration(data.elapsedMs)}`;
  if (data.error) {
    document.body.dataset.state = 'error';
    setStatus(`Stopped after ${summary}`);
    const e = data.error;
    const title = state.header ? 'This file is damaged' : 'This is not a readable Avro file';
    const where = [
      e.code,
      e.offset >= 0 ? `byte ${formatCount(e.offset)}` : null,
      state.header && e.block >= 0 ? `block ${e.block + 1}` : null,
    ]
      .filter(Boolean)
      .join(' · ');
    const shown = state.header
      ? data.rows
        ? `${data.rows === 1 ? 'The record' : `The ${formatCount(data.rows)} records`} decoded before the error ${data.rows === 1 ? 'is' : 'are'} shown.`
        : 'No records could be decoded before the error.'
      : null;
    showError({ title, message: e.message, detail: where, note: shown });
  } else if (data.cancelled) {
    document.body.dataset.state = 'cancelled';
    setStatus(`Cancelled after ${summary}`);
  } else {
    document.body.dataset.state = 'done';
    setStatus(`Decoded ${summary}`);
  }
  if (state.header) {
    if (state.tab === 'header' && !state.stale.header) updateHeaderStats(state.stats);
    else markStale('header');
  } else {
    $('records').hidden = true;
    $('dropzone').hidden = false;
  }
}

function plural(n, word) {
  return `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
}

function percent(part, whole) {
  return whole ? `${Math.floor((part / whole) * 100)}%` : '';
}

function setStatus(text) {
  $('status').textContent = text;
}

function updateRowCount(count, total) {
  const filtered = state.queryGen !== 0 && (Object.keys(state.filters).length || state.search);
  $('row-count').textContent = filtered
    ? `${formatCount(count)} of ${plural(total, 'record')}`
    : plural(total, 'record');
  grid.setEmptyText(filtered ? 'No rows match.' : state.decoding ? 'Decoding…' : 'This file holds no records.');
}

function showError({ title, message, detail = '', note = null }) {
  const banner = $('error');
  const parts = [h('strong', null, title), h('span', { class: 'error-message' }, message)];
  if (detail) parts.push(h('span', { class: 'error-detail' }, detail));
  if (note) parts.push(h('span', { class: 'error-note' }, note));
  clear(banner).append(...parts);
  banner.hidden = false;
}

function hideError() {
  $('error').hidden = true;
}

// ---- queries, search and export ----------------------------------------

function runQuery() {
  if (!state.header) return;
  state.queryGen++;
  $('query-status').textContent = state.decoding ? 'Waiting for the file to finish decoding…' : 'Working…';
  client.post({
    type: 'query',
    session: state.session,
    gen: state.queryGen,
    query: { filters: state.filters, search: state.search, sort: state.sort },
  });
}

function setupToolbar() {
  let timer = 0;
  $('search').addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      state.search = $('search').value;
      runQuery();
    }, 300);
  });
  $('export').addEventListener('click', async () => {
    if (!state.header) return;
    const format = $('export-format').value;
    const button = $('export');
    button.disabled = true;
    $('export-status').textContent = 'Preparing…';
    try {
      const result = await client.request({ type: 'export', session: state.session, format }, (fraction) => {
        $('export-status').textContent = `Preparing… ${Math.round(fraction * 100)}%`;
      });
      const extension = { ndjson: 'ndjson', json: 'json', 'avro-json': 'avro.json', csv: 'csv' }[format];
      const base = (state.header.fileName || 'data').replace(/\.avro$/i, '');
      const url = URL.createObjectURL(result.blob);
      const link = h('a', { href: url, download: `${base}.${extension}`, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      $('export-status').textContent = `Exported ${formatCount(result.count)} records`;
    } catch (error) {
      $('export-status').textContent = '';
      showError({ title: 'Export failed', message: error.message });
    } finally {
      button.disabled = false;
    }
  });
  $('inspector-close').addEventListener('click', closeInspector);
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !$('inspector').hidden) closeInspector();
  });
}

// ---- the record inspector -------------------------------------------------

async function openInspector(row, column) {
  const panel = $('inspector');
  const body = clear($('inspector-body'));
  panel.hidden = false;
  $('inspector-title').textContent = `Record ${formatCount(row + 1)}`;
  body.append(h('p', { class: 'muted' }, 'Loading…'));
  let record;
  try {
    record = await client.request({ type: 'record', session: state.session, row });
  } catch (error) {
    clear(body).append(h('p', { class: 'error-box' }, error.message));
    return;
  }
  const tree = h(
    'div',
    { class: 'tree' },
    renderTree(record.tree, { openDepth: 1, openPath: column === null ? null : [column] }),
  );
  const json = h('pre', { class: 'code', hidden: true }, record.avroJson);
  const asTree = h('button', { type: 'button', class: 'button small', 'aria-pressed': 'true' }, 'Tree');
  const asJson = h('button', { type: 'button', class: 'button small', 'aria-pressed': 'false' }, 'Avro JSON');
  const expand = h('button', { type: 'button', class: 'button small' }, 'Expand all');
  expand.addEventListener('click', () => setTreeOpen(tree, true));
  const show = (jsonMode) => {
    json.hidden = !jsonMode;
    tree.hidden = jsonMode;
    asTree.setAttribute('aria-pressed', String(!jsonMode));
    asJson.setAttribute('aria-pressed', String(jsonMode));
  };
  asTree.addEventListener('click', () => show(false));
  asJson.addEventListener('click', () => show(true));
  clear(body).append(
    h(
      'div',
      { class: 'inspector-actions' },
      asTree,
      asJson,
      expand,
      copyButton('Copy record as Avro JSON', record.avroJson),
    ),
    tree,
    json,
  );
  tree.querySelector('.tree-target')?.scrollIntoView({ block: 'nearest' });
}

function closeInspector() {
  $('inspector').hidden = true;
}

// ---- tabs ------------------------------------------------------------------

function markStale(...panels) {
  for (const panel of panels) state.stale[panel] = true;
  renderVisiblePanel();
}

function renderVisiblePanel() {
  if (state.tab === 'header' && state.stale.header) {
    state.stale.header = false;
    renderHeaderPanel(state.header, state.stats);
  } else if (state.tab === 'columns' && state.stale.columns) {
    state.stale.columns = false;
    renderColumnsPanel(state.summary, { partial: state.summaryPartial });
  }
}

function selectTab(name) {
  state.tab = name;
  for (const tab of TABS) {
    const selected = tab === name;
    $(`tab-${tab}`).setAttribute('aria-selected', String(selected));
    $(`tab-${tab}`).tabIndex = selected ? 0 : -1;
    $(`panel-${tab}`).hidden = !selected;
  }
  renderVisiblePanel();
}

function setupTabs() {
  for (const tab of TABS) $(`tab-${tab}`).addEventListener('click', () => selectTab(tab));
  $('tabs').addEventListener('keydown', (event) => {
    const current = TABS.findIndex((tab) => $(`tab-${tab}`).getAttribute('aria-selected') === 'true');
    let next = -1;
    if (event.key === 'ArrowRight') next = (current + 1) % TABS.length;
    if (event.key === 'ArrowLeft') next = (current + TABS.length - 1) % TABS.length;
    if (next < 0) return;
    event.preventDefault();
    selectTab(TABS[next]);
    $(`tab-${TABS[next]}`).focus();
  });
  selectTab('records');
}
