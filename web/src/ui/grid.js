// The records table: a virtualized grid. Only the rows in view exist in the
// DOM (a small pool of row elements moved with transforms); their cells
// arrive from the worker in pages of PAGE rows, requested as they scroll
// into view, at most two requests in flight. Browsers cap an element's
// height (about 16-33 million px), so beyond MAX_CANVAS the scrollbar maps
// proportionally onto the rows instead of one pixel per pixel.
import { formatCount } from '../shared/format.js';
import { h } from './dom.js';

const ROW_HEIGHT = 30;
const PAGE = 100;
const MAX_PAGES = 60;
const MAX_IN_FLIGHT = 2;
const MAX_CANVAS = 12_000_000;
const KIND_CLASS = ['k-null', 'k-num', 'k-str', 'k-bool', 'k-date', 'k-bytes', 'k-nested'];
const NESTED = 6;

const WIDTH_BY_KIND = {
  number: 120,
  time: 220,
  decimal: 140,
  boolean: 90,
  string: 200,
  enum: 130,
  bytes: 200,
  array: 240,
  map: 240,
  record: 280,
  mixed: 200,
  null: 80,
};

export class Grid {
  #root;
  #scroll;
  #head;
  #body;
  #empty;
  #columns = [];
  #count = 0;
  #gen = 0;
  #pages = new Map(); // page index -> { rows, complete }
  #inFlight = new Map(); // page index -> gen
  #pool = [];
  #frame = 0;
  #sort = null;
  #filters = {};
  #filterTimer = 0;
  #handlers;
  #widths = [];
  #fitted = false;
  #scrollTop = 0;
  #scrollLeft = 0;
  #viewportHeight = 0;
  #headHeight = 0;

  /**
   * @param {HTMLElement} root
   * @param {{ requestRows(start, count, gen), openRecord(row, column), onQuery({ sort, filters }) }} handlers
   */
  constructor(root, handlers) {
    this.#root = root;
    this.#handlers = handlers;
    root.classList.add('grid');
    root.setAttribute('role', 'grid');
    root.setAttribute('aria-label', 'Records');
    this.#head = h('div', { class: 'grid-head', role: 'rowgroup' });
    this.#body = h('div', { class: 'grid-body', role: 'rowgroup' });
    this.#scroll = h('div', { class: 'grid-scroll', tabindex: '0' }, this.#head, this.#body);
    this.#empty = h('div', { class: 'grid-empty', hidden: true }, 'No rows match.');
    root.append(this.#scroll, this.#empty);
    // Sizes and the scroll offset are cached from events, so rendering never
    // reads layout (a forced layout per frame doubled the main thread's work).
    this.#scroll.addEventListener(
      'scroll',
      () => {
        this.#scrollTop = this.#scroll.scrollTop;
        this.#scrollLeft = this.#scroll.scrollLeft;
        this.#schedule();
      },
      { passive: true },
    );
    const observer = new ResizeObserver((entries) => {
      for (const entry of entries) {
        const height = entry.borderBoxSize?.[0]?.blockSize ?? entry.contentRect.height;
        if (entry.target === this.#head) this.#headHeight = height;
        else this.#viewportHeight = entry.contentRect.height;
      }
      this.#schedule();
    });
    observer.observe(this.#scroll);
    observer.observe(this.#head);
    this.#body.addEventListener('click', (event) => this.#onClick(event));
  }

  /** Columns from the worker's header message; resets everything. */
  setColumns(columns) {
    this.#columns = columns;
    this.#sort = null;
    this.#filters = {};
    this.#widths = [88, ...columns.map((c) => Math.max(WIDTH_BY_KIND[c.kind] ?? 180, this.#headerWidth(c)))];
    this.#fitted = false;
    this.#applyWidths();
    this.#root.setAttribute('aria-colcount', String(columns.length + 1));
    this.#head.replaceChildren(this.#headerRow(), this.#filterRow());
    for (const row of this.#pool) row.el.remove();
    this.#pool = [];
    this.#pages.clear();
    this.#inFlight.clear();
    this.#count = 0;
    this.#gen = 0;
    this.#setScrollTop(0);
    if (this.#scrollLeft) this.#scroll.scrollLeft = this.#scrollLeft = 0;
    // Build the rows now, in this task, rather than in the frame that first
    // fills them: two shorter tasks instead of one long one.
    if (columns.length) {
      const visible = Math.ceil(Math.max(ROW_HEIGHT, this.#viewportHeight - this.#headHeight) / ROW_HEIGHT) + 1;
      while (this.#pool.length < visible) this.#pool.push(this.#makeRow());
      for (const slot of this.#pool) slot.el.hidden = true;
    }
    this.#schedule();
  }

  #headerWidth(column) {
    // Bold 14px names, 11px monospace types, plus padding and the sort mark.
    return Math.min(320, Math.max(column.name.length * 9, column.typeText.length * 7) + 52);
  }

  #applyWidths() {
    const widths = this.#widths;
    widths.forEach((w, i) => this.#root.style.setProperty(`--w${i}`, `${w}px`));
    this.#root.style.setProperty('--grid-width', `${widths.reduce((a, b) => a + b, 0)}px`);
  }

  // Rows are flex boxes of fixed-width cells (cheaper to lay out than CSS
  // grid rows); each cell's width is its column's custom property.
  #sized(cells) {
    cells.forEach((cell, i) => (cell.style.width = `var(--w${i})`));
    return cells;
  }

  // Once per file: widen columns to fit the first page of values (up to a limit).
  #fitTo(rows) {
    if (this.#fitted || !rows.length) return;
    this.#fitted = true;
    this.#columns.forEach((column, c) => {
      let longest = 0;
      for (const row of rows) longest = Math.max(longest, row.cells[c][0].length);
      const wanted = Math.ceil(longest * 8.2 + 26);
      this.#widths[c + 1] = Math.min(360, Math.max(64, wanted, this.#headerWidth(column)));
    });
    this.#applyWidths();
  }

  #headerRow() {
    const cells = [h('div', { class: 'cell head rownum', role: 'columnheader' }, '#')];
    this.#columns.forEach((column, index) => {
      const button = h(
        'button',
        { type: 'button', class: 'sort', title: `Sort by ${column.name}` },
        h('span', { class: 'col-name' }, column.name),
        h('span', { class: 'col-type' }, column.typeText),
        h('span', { class: 'sort-mark', 'aria-hidden': 'true' }),
      );
      button.addEventListener('click', () => this.#cycleSort(index));
      cells.push(
        h('div', { class: 'cell head', role: 'columnheader', 'aria-sort': 'none', dataset: { column: index } }, button),
      );
    });
    return h('div', { class: 'grid-row head-row', role: 'row', 'aria-rowindex': '1' }, this.#sized(cells));
  }

  #filterRow() {
    const cells = [h('div', { class: 'cell head rownum filter-label', role: 'gridcell' }, 'filter')];
    this.#columns.forEach((column, index) => {
      const numeric = ['number', 'time', 'decimal'].includes(column.kind);
      const input = h('input', {
        type: 'text',
        class: 'filter',
        spellcheck: 'false',
        placeholder: numeric ? '>0, 1..9, null' : 'contains, =exact, null',
        'aria-label': `Filter ${column.name}`,
        dataset: { column: index },
      });
      input.addEventListener('input', () => {
        const value = input.value.trim();
        if (value) this.#filters[index] = value;
        else delete this.#filters[index];
        clearTimeout(this.#filterTimer);
        this.#filterTimer = setTimeout(() => this.#query(), 300);
      });
      cells.push(h('div', { class: 'cell head', role: 'gridcell' }, input));
    });
    return h('div', { class: 'grid-row filter-row', role: 'row', 'aria-rowindex': '2' }, this.#sized(cells));
  }

  #cycleSort(index) {
    const current = this.#sort;
    if (!current || current.column !== index) this.#sort = { column: index, descending: false };
    else if (!current.descending) this.#sort = { column: index, descending: true };
    else this.#sort = null;
    for (const cell of this.#head.querySelectorAll('[role=columnheader][data-column]')) {
      const active = this.#sort && Number(cell.dataset.column) === this.#sort.column;
      cell.setAttribute('aria-sort', active ? (this.#sort.descending ? 'descending' : 'ascending') : 'none');
    }
    this.#query();
  }

  #query() {
    this.#handlers.onQuery({ sort: this.#sort, filters: { ...this.#filters } });
  }

  /** The number of rows in the current view; a new gen drops every cached page. */
  setRowCount(count, gen = this.#gen) {
    if (gen !== this.#gen) {
      this.#gen = gen;
      this.#pages.clear();
      this.#inFlight.clear();
      this.#setScrollTop(0);
    }
    this.#count = count;
    this.#root.setAttribute('aria-rowcount', String(count + 2));
    this.#schedule();
  }

  /** What the grid says when it has no rows. */
  setEmptyText(text) {
    this.#empty.textContent = text;
  }

  get rowCount() {
    return this.#count;
  }

  /** A page of rows from the worker. */
  receive({ gen, start, rows }) {
    const page = Math.floor(start / PAGE);
    if (this.#inFlight.get(page) === gen) this.#inFlight.delete(page);
    if (gen !== this.#gen) return this.#schedule();
    this.#fitTo(rows);
    this.#pages.delete(page);
    this.#pages.set(page, { rows, complete: rows.length === PAGE });
    while (this.#pages.size > MAX_PAGES) this.#pages.delete(this.#pages.keys().next().value);
    this.#schedule();
  }

  /** Scrolls so that view row `index` is at the top. */
  scrollToRow(index) {
    const { bodyHeight, viewHeight } = this.#metrics();
    const scaled = this.#count * ROW_HEIGHT > MAX_CANVAS;
    const maxRow = Math.max(1, this.#count - Math.floor(viewHeight / ROW_HEIGHT));
    this.#setScrollTop(scaled ? (Math.min(index, maxRow) / maxRow) * (bodyHeight - viewHeight) : index * ROW_HEIGHT);
    this.#schedule();
  }

  // Setting scrollTop forces a layout: skip it when nothing changes.
  #setScrollTop(value) {
    if (value === this.#scrollTop) return;
    this.#scroll.scrollTop = value;
    this.#scrollTop = value;
  }

  #metrics() {
    const bodyHeight = Math.min(this.#count * ROW_HEIGHT, MAX_CANVAS);
    const viewHeight = Math.max(ROW_HEIGHT, this.#viewportHeight - this.#headHeight);
    return { bodyHeight, viewHeight };
  }

  #schedule() {
    if (!this.#frame) this.#frame = requestAnimationFrame(() => this.#render());
  }

  #render() {
    this.#frame = 0;
    const count = this.#count;
    const { bodyHeight, viewHeight } = this.#metrics();
    this.#body.style.height = `${bodyHeight}px`;
    this.#empty.hidden = count > 0 || this.#columns.length === 0;
    const scrollTop = this.#scrollTop;
    const visible = Math.ceil(viewHeight / ROW_HEIGHT) + 1;
    let first;
    let yOf;
    if (count * ROW_HEIGHT > MAX_CANVAS) {
      // Proportional mapping: the scrollbar position picks the first row.
      const maxScroll = Math.max(1, bodyHeight - viewHeight);
      const exact = (Math.min(scrollTop, maxScroll) / maxScroll) * Math.max(0, count - viewHeight / ROW_HEIGHT);
      first = Math.floor(exact);
      yOf = (row) => scrollTop + (row - exact) * ROW_HEIGHT;
    } else {
      first = Math.floor(scrollTop / ROW_HEIGHT);
      yOf = (row) => row * ROW_HEIGHT;
    }
    const last = Math.min(count, first + visible);
    while (this.#pool.length < visible) this.#pool.push(this.#makeRow());
    for (let k = 0; k < this.#pool.length; k++) {
      const slot = this.#pool[k];
      const index = first + k;
      if (index >= last) {
        slot.el.hidden = true;
        continue;
      }
      slot.el.hidden = false;
      slot.el.style.transform = `translateY(${yOf(index)}px)`;
      this.#fill(slot, index);
    }
    this.#request(Math.max(0, first - 20), Math.min(count, last + 20));
  }

  #makeRow() {
    const button = h('button', { type: 'button', class: 'rownum-button' });
    const rowNumber = h('div', { class: 'cell rownum', role: 'rowheader' }, button);
    const cells = this.#columns.map(() => h('div', { class: 'cell', role: 'gridcell' }));
    const el = h('div', { class: 'grid-row data-row', role: 'row' }, this.#sized([rowNumber, ...cells]));
    this.#body.append(el);
    return { el, button, cells, index: -1, row: -1, filled: false };
  }

  #fill(slot, index) {
    const page = this.#pages.get(Math.floor(index / PAGE));
    const data = page?.rows[index % PAGE];
    if (slot.index === index && slot.filled && data) return;
    slot.index = index;
    slot.el.setAttribute('aria-rowindex', String(index + 3));
    if (!data) {
      slot.filled = false;
      slot.row = -1;
      slot.el.classList.add('loading');
      slot.button.textContent = formatCount(index + 1);
      slot.button.removeAttribute('aria-label');
      for (const cell of slot.cells) {
        cell.textContent = '';
        cell.className = 'cell';
        cell.removeAttribute('title');
      }
      return;
    }
    slot.filled = true;
    slot.row = data.row;
    slot.el.classList.remove('loading');
    slot.el.dataset.row = String(data.row);
    slot.button.textContent = formatCount(data.row + 1);
    slot.button.setAttribute('aria-label', `Open record ${data.row + 1}`);
    for (let c = 0; c < slot.cells.length; c++) {
      const [text, kind] = data.cells[c];
      const cell = slot.cells[c];
      cell.textContent = text;
      cell.className = `cell ${KIND_CLASS[kind]}`;
      if (text.length > 24) cell.title = text;
      else cell.removeAttribute('title');
    }
  }

  #request(from, to) {
    if (to <= from) return;
    for (let page = Math.floor(from / PAGE); page * PAGE < to; page++) {
      if (this.#inFlight.size >= MAX_IN_FLIGHT) return;
      if (this.#inFlight.has(page)) continue;
      const cached = this.#pages.get(page);
      const expected = Math.min(PAGE, this.#count - page * PAGE);
      if (cached && cached.rows.length >= expected) continue;
      this.#inFlight.set(page, this.#gen);
      this.#handlers.requestRows(page * PAGE, PAGE, this.#gen);
    }
  }

  #onClick(event) {
    const rowEl = event.target.closest('.data-row');
    if (!rowEl || rowEl.classList.contains('loading')) return;
    const slot = this.#pool.find((p) => p.el === rowEl);
    if (!slot || slot.row < 0) return;
    const cellIndex = slot.cells.indexOf(event.target.closest('.cell'));
    this.#handlers.openRecord(
      slot.row,
      cellIndex >= 0 ? this.#columns[cellIndex].name : null,
      cellIndex >= 0 && slot.cells[cellIndex].classList.contains(KIND_CLASS[NESTED]),
    );
  }
}
