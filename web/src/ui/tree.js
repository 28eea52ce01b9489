// Collapsible trees for decoded values (nodes from the worker's treeOf) and
// for JSON documents (schemas). Children are built when a node is first
// opened, so a huge array or schema costs nothing until someone looks.
import { h } from './dom.js';

const CHUNK = 500; // children shown per "show more"

/** A plain JSON value (e.g. a parsed schema) as tree nodes. */
export function jsonToTree(value) {
  if (value === null) return ['null', null];
  if (Array.isArray(value)) return ['arr', value.map(jsonToTree)];
  switch (typeof value) {
    case 'boolean':
      return ['bool', value];
    case 'number':
      return ['num', value];
    case 'string':
      return ['str', value];
    default:
      return ['obj', Object.keys(value).map((key) => [key, jsonToTree(value[key])])];
  }
}

function leaf(node) {
  const [kind, payload, size] = node;
  switch (kind) {
    case 'null':
      return h('span', { class: 'tv tv-null' }, 'null');
    case 'bool':
      return h('span', { class: 'tv tv-bool' }, String(payload));
    case 'num':
    case 'long':
      return h('span', { class: 'tv tv-num' }, String(payload));
    case 'str':
      return h('span', { class: 'tv tv-str' }, JSON.stringify(payload));
    case 'date':
      return h('span', { class: 'tv tv-date' }, payload);
    case 'bytes':
      return h(
        'span',
        { class: 'tv tv-bytes' },
        payload || '(empty)',
        h('span', { class: 'tv-note' }, ` ${size} bytes`),
      );
    default:
      return h('span', { class: 'tv' }, String(payload));
  }
}

function summaryText(node) {
  const [kind, children] = node;
  if (kind === 'arr') return `[${children.length} item${children.length === 1 ? '' : 's'}]`;
  return `{${children.length} field${children.length === 1 ? '' : 's'}}`;
}

/**
 * Renders node under an optional key. `openDepth` levels start expanded;
 * `openPath` (array of keys) is expanded and focused whatever its depth.
 */
export function renderTree(node, { key = null, depth = 0, openDepth = 2, openPath = null } = {}) {
  const keyEl = key === null ? null : h('span', { class: 'tk' }, `${key}: `);
  const [kind, children] = node;
  if (kind !== 'arr' && kind !== 'obj') return h('div', { class: 'tree-leaf' }, keyEl, leaf(node));
  const onPath = openPath && openPath.length > 0 && key !== null && String(openPath[0]) === String(key);
  const details = h('details', { class: 'tree-node' });
  const summary = h('summary', null, keyEl, h('span', { class: 'tree-summary' }, summaryText(node)));
  const body = h('div', { class: 'tree-children' });
  details.append(summary, body);
  let shown = 0;
  const showMore = () => {
    const end = Math.min(children.length, shown + CHUNK);
    for (let i = shown; i < end; i++) {
      const [childKey, child] = kind === 'arr' ? [i, children[i]] : children[i];
      const childPath = onPath ? openPath.slice(1) : depth === 0 && key === null ? openPath : null;
      body.append(renderTree(child, { key: childKey, depth: depth + 1, openDepth, openPath: childPath }));
    }
    shown = end;
    if (shown < children.length) {
      const more = h(
        'button',
        { class: 'button small', type: 'button' },
        `Show ${Math.min(CHUNK, children.length - shown)} more of ${children.length - shown}`,
      );
      more.addEventListener('click', () => {
        more.remove();
        showMore();
      });
      body.append(more);
    }
  };
  details.addEventListener('toggle', () => {
    if (details.open && shown === 0 && children.length) showMore();
  });
  if (depth < openDepth || onPath || (key === null && depth === 0)) details.open = true;
  if (details.open && children.length) showMore();
  if (onPath && openPath.length === 1) details.classList.add('tree-target');
  return details;
}

/** Opens or closes every node under root (building children as needed). */
export function setTreeOpen(root, open) {
  const pending = [...root.querySelectorAll('details.tree-node')];
  if (root.matches?.('details.tree-node')) pending.unshift(root);
  let budget = 5000; // stop expanding enormous trees: the page must stay responsive
  while (pending.length && budget-- > 0) {
    const details = pending.shift();
    if (details.open !== open) {
      details.open = open;
      // 'toggle' fires asynchronously; build children now so they can be opened too.
      details.dispatchEvent(new Event('toggle'));
    }
    if (open) pending.push(...details.querySelectorAll(':scope > .tree-children > details.tree-node'));
  }
}
