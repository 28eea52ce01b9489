// The "Decode a message" tab: one datum as hex or base64 plus its schema,
// raw or framed; shows the value, or the error with its byte highlighted
// in a hex dump.
import { $, clear, h } from './dom.js';
import { renderTree } from './tree.js';

const DUMP_BYTES = 4096; // bytes shown in the hex dump (around the error if there is one)

// A User record in single-object encoding (C3 01 + CRC-64-AVRO fingerprint + datum).
const EXAMPLE = {
  schema: JSON.stringify(
    {
      type: 'record',
      name: 'User',
      namespace: 'example',
      fields: [
        { name: 'id', type: 'long' },
        { name: 'name', type: 'string' },
        { name: 'email', type: ['null', 'string'], default: null },
        { name: 'joined', type: { type: 'long', logicalType: 'timestamp-millis' } },
      ],
    },
    null,
    2,
  ),
  // id 1, name "Ada", email "ada@example.com", joined 2024-01-02T03:04:05.678Z (encodeSingleObject)
  message:
    'c3 01 7d 91 f7 95 14 7f ee 32 02 06 41 64 61 02 1e 61 64 61 40 65 78 61 6d 70 6c 65 2e 63 6f 6d dc ec 86 82 99 63',
};

export function setupMessagePanel(client) {
  const panel = $('panel-message');
  const input = h('textarea', { id: 'message-input', rows: 4, spellcheck: 'false', placeholder: 'c3 01 … or wwGq…' });
  const encoding = h(
    'select',
    { id: 'message-encoding' },
    h('option', { value: 'auto' }, 'Detect'),
    h('option', { value: 'hex' }, 'Hex'),
    h('option', { value: 'base64' }, 'Base64'),
  );
  const framing = h(
    'select',
    { id: 'message-framing' },
    h('option', { value: 'auto' }, 'Detect (single-object C3 01, else raw; Confluent 00 if raw fails)'),
    h('option', { value: 'raw' }, 'Raw datum'),
    h('option', { value: 'single-object' }, 'Single-object encoding (C3 01 + fingerprint)'),
    h('option', { value: 'confluent' }, 'Confluent wire format (00 + schema id)'),
  );
  const schema = h('textarea', {
    id: 'message-schema',
    rows: 10,
    spellcheck: 'false',
    placeholder: '{"type": "record", …}',
  });
  const decode = h('button', { type: 'submit', class: 'button primary', id: 'message-decode' }, 'Decode');
  const example = h('button', { type: 'button', class: 'button' }, 'Load an example');
  const output = h('div', { id: 'message-output', class: 'message-output', 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'message-form', 'aria-label': 'Decode a message' },
    h('div', { class: 'field' }, h('label', { for: 'message-input' }, 'Message bytes (hex or base64)'), input),
    h(
      'div',
      { class: 'field-row' },
      h('div', { class: 'field' }, h('label', { for: 'message-encoding' }, 'Encoding'), encoding),
      h('div', { class: 'field grow' }, h('label', { for: 'message-framing' }, 'Framing'), framing),
    ),
    h('div', { class: 'field' }, h('label', { for: 'message-schema' }, 'Writer schema (JSON)'), schema),
    h('div', { class: 'actions' }, decode, example),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    decode.disabled = true;
    clear(output).append(h('p', { class: 'muted' }, 'Decoding…'));
    try {
      const { result } = await client.request({
        type: 'message',
        request: { input: input.value, encoding: encoding.value, schema: schema.value, framing: framing.value },
      });
      showResult(output, result);
    } catch (error) {
      clear(output).append(h('div', { class: 'error-box', role: 'alert' }, error.message));
    } finally {
      decode.disabled = false;
    }
  });
  example.addEventListener('click', () => {
    schema.value = EXAMPLE.schema;
    input.value = EXAMPLE.message;
    framing.value = 'auto';
    encoding.value = 'auto';
  });
  panel.append(
    h(
      'div',
      { class: 'message-layout' },
      h('section', { class: 'card' }, h('header', { class: 'card-head' }, h('h2', null, 'Decode a message')), form),
      h('section', { class: 'card' }, h('header', { class: 'card-head' }, h('h2', null, 'Result')), output),
    ),
  );
}

function hexDump(hex, { headerLength = 0, errorOffset = -1 }) {
  const total = hex.length / 2;
  let start = 0;
  if (errorOffset >= DUMP_BYTES) start = Math.max(0, (errorOffset & ~15) - 256);
  const end = Math.min(total, start + DUMP_BYTES);
  const lines = [];
  for (let line = start; line < end; line += 16) {
    const bytes = [];
    for (let i = line; i < Math.min(end, line + 16); i++) {
      let cls = 'hx';
      if (i < headerLength) cls += ' hx-frame';
      if (i === errorOffset) cls += ' hx-error';
      const attrs = { class: cls };
      if (i === errorOffset)
        Object.assign(attrs, { id: 'error-byte', title: `error at byte ${i}`, 'aria-label': `byte ${i}: error here` });
      bytes.push(h('span', attrs, hex.slice(i * 2, i * 2 + 2)));
    }
    lines.push(
      h('div', { class: 'hex-line' }, h('span', { class: 'hex-offset' }, line.toString(16).padStart(6, '0')), bytes),
    );
  }
  if (errorOffset >= total) {
    // The decoder needed more bytes than there are: mark the end.
    const endMark = h(
      'span',
      { class: 'hx hx-error hx-end', id: 'error-byte', title: `error at byte ${errorOffset}: the input ends here` },
      '⟂',
    );
    const lastLine = lines[lines.length - 1];
    if (lastLine && total % 16 !== 0) lastLine.append(endMark);
    else
      lines.push(
        h(
          'div',
          { class: 'hex-line' },
          h('span', { class: 'hex-offset' }, total.toString(16).padStart(6, '0')),
          endMark,
        ),
      );
  }
  const note = [];
  if (start > 0) note.push(`bytes before ${start} not shown`);
  if (end < total) note.push(`${total - end} more bytes not shown`);
  return h(
    'div',
    { class: 'hex-dump', role: 'group', 'aria-label': 'Message bytes' },
    lines,
    note.length ? h('p', { class: 'muted small' }, note.join('; ')) : null,
  );
}

function showResult(output, result) {
  clear(output);
  const framingText = {
    raw: 'raw datum',
    'single-object': 'single-object encoding',
    confluent: 'Confluent wire format',
  };
  const facts = [];
  if (result.framing) facts.push(['Framing', framingText[result.framing] ?? result.framing]);
  if (result.encoding) facts.push(['Input', result.encoding]);
  if (result.bytesHex) facts.push(['Size', `${result.bytesHex.length / 2} bytes`]);
  if (result.fingerprint) facts.push(['Fingerprint in message', result.fingerprint]);
  if (result.schemaFingerprint) facts.push(['Schema fingerprint', result.schemaFingerprint]);
  if (result.schemaId !== null && result.schemaId !== undefined) facts.push(['Schema id', String(result.schemaId)]);
  const factList = h(
    'dl',
    { class: 'facts mono' },
    facts.map(([k, v]) => [h('dt', null, k), h('dd', null, v)]),
  );
  if (!result.ok) {
    const { error } = result;
    const where = error.offset >= 0 && result.stage === 'datum' ? ` at byte ${error.offset}` : '';
    const stage = {
      input: 'The input is not valid',
      schema: 'The schema is not valid',
      datum: 'The message does not decode',
    }[result.stage];
    output.append(
      h(
        'div',
        { class: 'error-box', role: 'alert', id: 'message-error' },
        h('strong', null, `${stage}${where}`),
        h('div', null, error.message),
        error.code
          ? h(
              'div',
              { class: 'muted small' },
              `${error.name} · ${error.code}${error.path ? ` · at ${error.path}` : ''}`,
            )
          : null,
      ),
      factList,
    );
    if (result.bytesHex)
      output.append(
        hexDump(result.bytesHex, {
          headerLength: result.headerLength,
          errorOffset: result.stage === 'datum' ? error.offset : -1,
        }),
      );
    output.querySelector('#error-byte')?.scrollIntoView({ block: 'nearest' });
    return;
  }
  output.append(
    h('p', { class: 'ok-line', id: 'message-ok' }, 'Decoded.'),
    factList,
    hexDump(result.bytesHex, { headerLength: result.headerLength }),
    h('h3', null, 'Value'),
    h('div', { class: 'tree' }, renderTree(result.tree, { openDepth: 4 })),
    h('h3', null, 'Avro JSON encoding'),
    h('pre', { class: 'code', id: 'message-json' }, result.avroJson),
  );
}
