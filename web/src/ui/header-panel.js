// The "Header" tab: file facts, the schema (collapsible tree or text, with
// copy), its Parsing Canonical Form and fingerprints, user metadata.
import { formatCount, formatDuration, formatSize } from '../shared/format.js';
import { $, clear, copyButton, h } from './dom.js';
import { jsonToTree, renderTree, setTreeOpen } from './tree.js';

function facts(rows) {
  return h(
    'dl',
    { class: 'facts' },
    rows.map(([label, value, fact]) => [h('dt', null, label), h('dd', fact ? { dataset: { fact } } : null, value)]),
  );
}

function card(title, actions, ...body) {
  return h(
    'section',
    { class: 'card' },
    h('header', { class: 'card-head' }, h('h2', null, title), h('div', { class: 'card-actions' }, actions)),
    body,
  );
}

function statFacts(stats) {
  const ratio = stats && stats.compressed > 0 ? stats.uncompressed / stats.compressed : null;
  return {
    records: stats ? formatCount(stats.rows) + (stats.complete ? '' : ' (so far)') : '…',
    blocks: stats ? formatCount(stats.blocks) : '…',
    data: stats ? `${formatSize(stats.compressed)} compressed, ${formatSize(stats.uncompressed)} uncompressed` : '…',
    ratio: ratio ? `${ratio.toFixed(2)}×` : '…',
    elapsed: stats?.elapsedMs ? formatDuration(stats.elapsedMs) : '…',
  };
}

/** Updates the counts in an already rendered header panel. */
export function updateHeaderStats(stats) {
  for (const [fact, text] of Object.entries(statFacts(stats))) {
    const el = $('panel-header').querySelector(`[data-fact="${fact}"]`);
    if (el) el.textContent = text;
  }
}

/** Renders the header panel; `stats` may be null while decoding. */
export function renderHeaderPanel(header, stats) {
  const panel = clear($('panel-header'));
  if (!header) {
    panel.append(h('p', { class: 'empty-state' }, 'Open an Avro file to see its header.'));
    return;
  }
  const counts = statFacts(stats);
  const file = card(
    'File',
    null,
    facts([
      ['Name', header.fileName, 'name'],
      ['File size', `${formatSize(header.fileSize)} (${formatCount(header.fileSize)} bytes)`, 'size'],
      ['Codec', header.codec, 'codec'],
      ['Records', counts.records, 'records'],
      ['Blocks', counts.blocks, 'blocks'],
      ['Block data', counts.data, 'data'],
      ['Compression ratio', counts.ratio, 'ratio'],
      ['Header size', `${formatCount(header.headerSize)} bytes`, 'header-size'],
      ['Sync marker', h('code', null, header.syncMarker), 'sync'],
      ['Decoded in', counts.elapsed, 'elapsed'],
    ]),
  );

  // The schema: a tree (lazily built) or the file's own text, pretty-printed.
  let schemaValue = null;
  try {
    schemaValue = JSON.parse(header.schemaText);
  } catch {
    schemaValue = header.schemaText;
  }
  const tree = h('div', { class: 'tree schema-tree' }, renderTree(jsonToTree(schemaValue), { openDepth: 3 }));
  const text = h('pre', { class: 'code schema-text', hidden: true }, header.schemaPretty);
  const toggle = h('button', { type: 'button', class: 'button small', 'aria-pressed': 'false' }, 'Show as text');
  toggle.addEventListener('click', () => {
    const asText = text.hidden;
    text.hidden = !asText;
    tree.hidden = asText;
    toggle.textContent = asText ? 'Show as tree' : 'Show as text';
    toggle.setAttribute('aria-pressed', String(asText));
  });
  const expand = h('button', { type: 'button', class: 'button small' }, 'Expand all');
  expand.addEventListener('click', () => setTreeOpen(tree, true));
  const collapse = h('button', { type: 'button', class: 'button small' }, 'Collapse all');
  collapse.addEventListener('click', () => setTreeOpen(tree, false));
  const schema = card('Schema', [expand, collapse, toggle, copyButton('Copy schema', header.schemaPretty)], tree, text);

  const canonical = card(
    'Parsing Canonical Form',
    [copyButton('Copy canonical form', header.canonical)],
    h('pre', { class: 'code wrap', id: 'canonical' }, header.canonical),
  );
  const fingerprints = card(
    'Fingerprints of the canonical form',
    null,
    h(
      'dl',
      { class: 'facts mono' },
      header.fingerprints.map(([name, hex]) => [
        h('dt', null, name),
        h(
          'dd',
          { dataset: { fingerprint: name } },
          h('code', null, hex),
          ' ',
          copyButton(`Copy ${name} fingerprint`, hex),
        ),
      ]),
    ),
    h(
      'p',
      { class: 'muted small' },
      'CRC-64-AVRO is shown as its 8 bytes in little-endian order, as single-object encoding writes them.',
    ),
  );
  const user = header.metadata.filter((m) => !m.key.startsWith('avro.'));
  const reserved = header.metadata.filter((m) => m.key.startsWith('avro.'));
  const metaTable = (entries) =>
    h(
      'table',
      { class: 'meta-table' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, 'Key'),
          h('th', { scope: 'col' }, 'Value'),
          h('th', { scope: 'col' }, 'Bytes'),
        ),
      ),
      h(
        'tbody',
        null,
        entries.map((m) =>
          h(
            'tr',
            null,
            h('th', { scope: 'row' }, h('code', null, m.key)),
            h(
              'td',
              null,
              m.text !== null
                ? m.text
                : h('code', { title: 'not UTF-8 text: shown as hex' }, m.hex + (m.size > 256 ? ' …' : '')),
            ),
            h('td', { class: 'num' }, formatCount(m.size)),
          ),
        ),
      ),
    );
  const metadata = card(
    'Metadata',
    null,
    user.length ? metaTable(user) : h('p', { class: 'muted' }, 'No user metadata.'),
    reserved.length ? [h('h3', null, 'Reserved keys'), metaTable(reserved)] : null,
  );
  panel.append(h('div', { class: 'cards header-cards' }, file, fingerprints, metadata, schema, canonical));
}
