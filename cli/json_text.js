// JSON text helpers that never round numbers: a re-indenter that works on
// the text (so a 64-bit long or a -0 prints as written), a splitter for a
// stream of whitespace-separated JSON values (JSON Lines, or pretty-printed
// values one after another), and a parser/printer pair that keeps integers
// beyond 2^53 as bigint.
import { CliError } from './errors.js';

/** Re-indents compact or pretty JSON text without touching its tokens. */
export function prettyJson(text, indent = '  ') {
  let out = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end - 1;
    } else if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      let j = i + 1;
      while (j < text.length && isSpace(text[j])) j++;
      if (text[j] === close) {
        out += c + close;
        i = j;
      } else {
        depth++;
        out += `${c}\n${indent.repeat(depth)}`;
      }
    } else if (c === '}' || c === ']') {
      depth--;
      out += `\n${indent.repeat(depth)}${c}`;
    } else if (c === ',') {
      out += `,\n${indent.repeat(depth)}`;
    } else if (c === ':') {
      out += ': ';
    } else if (!isSpace(c)) {
      out += c;
    }
  }
  return out;
}

function isSpace(c) {
  return c === ' ' || c === '\n' || c === '\r' || c === '\t';
}

// Index just past the closing quote of the string starting at `start`, or -1 when it is not closed.
function stringEnd(text, start) {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') return i + 1;
  }
  return -1;
}

const STRING_STOP = /["\\\n]/g;

/**
 * Splits a stream of text into top-level JSON values. push(text) returns the
 * values completed so far as { text, line } (line numbers start at 1); end()
 * returns the last one, or throws when the input stops inside a value.
 */
export class JsonSplitter {
  #pending = '';
  #scan = 0; // next index of #pending to look at
  #line = 1; // line of #pending[#scan]
  #start = -1; // start of the value being read, or -1 between values
  #startLine = 0;
  #depth = 0;
  #inString = false;
  #escaped = false;

  push(text) {
    this.#pending += text;
    const values = [];
    this.#run(values, false);
    return values;
  }

  end(source) {
    const values = [];
    this.#run(values, true);
    if (this.#start >= 0) {
      throw new CliError(`${source}: the input ends inside the JSON value that starts on line ${this.#startLine}`);
    }
    return values;
  }

  #run(values, atEnd) {
    const text = this.#pending;
    let i = this.#scan;
    for (; i < text.length; i++) {
      const c = text[i];
      if (this.#start < 0) {
        if (c === '\n') this.#line++;
        if (isSpace(c)) continue;
        this.#start = i;
        this.#startLine = this.#line;
        this.#depth = 0;
        this.#inString = false;
      }
      if (this.#inString) {
        if (this.#escaped) this.#escaped = false;
        else if (c === '\\') this.#escaped = true;
        else if (c === '"') {
          this.#inString = false;
          if (this.#depth === 0) this.#emit(values, i + 1);
        } else if (c === '\n') this.#line++;
        else {
          // Long strings: jump to the next character that matters.
          STRING_STOP.lastIndex = i + 1;
          const stop = STRING_STOP.exec(text);
          i = (stop ? stop.index : text.length) - 1;
        }
        continue;
      }
      if (c === '\n') this.#line++;
      if (c === '"') this.#inString = true;
      else if (c === '{' || c === '[') this.#depth++;
      else if (c === '}' || c === ']') {
        this.#depth--;
        if (this.#depth <= 0) this.#emit(values, i + 1);
      } else if (this.#depth === 0 && i > this.#start && (isSpace(c) || c === '{' || c === '[' || c === '"')) {
        // A bare literal or number ends where something else begins.
        this.#emit(values, i);
        i--;
        if (c === '\n') this.#line--;
      }
    }
    this.#scan = i;
    if (atEnd && this.#start >= 0 && this.#depth === 0 && !this.#inString) this.#emit(values, text.length);
    // Keep only the unfinished value.
    const keep = this.#start >= 0 ? this.#start : this.#scan;
    if (keep > 0) {
      this.#pending = this.#pending.slice(keep);
      this.#scan -= keep;
      if (this.#start >= 0) this.#start = 0;
    }
  }

  #emit(values, end) {
    values.push({ text: this.#pending.slice(this.#start, end), line: this.#startLine });
    this.#start = -1;
  }
}

/**
 * JSON.parse that keeps integers beyond 2^53 exact (as bigint) and -0. Own
 * keys such as "__proto__" stay data.
 */
export function parseJson(text) {
  let i = 0;
  const fail = (what) => {
    throw new SyntaxError(`${what} at character ${i + 1}`);
  };
  const skip = () => {
    while (i < text.length && isSpace(text[i])) i++;
  };
  const value = () => {
    skip();
    const c = text[i];
    if (c === '{') {
      i++;
      const out = {};
      skip();
      if (text[i] === '}') {
        i++;
        return out;
      }
      for (;;) {
        skip();
        if (text[i] !== '"') fail('expected a property name');
        const key = string();
        skip();
        if (text[i++] !== ':') fail('expected ":"');
        Object.defineProperty(out, key, { value: value(), enumerable: true, writable: true, configurable: true });
        skip();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return out;
        } else fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      i++;
      const out = [];
      skip();
      if (text[i] === ']') {
        i++;
        return out;
      }
      for (;;) {
        out.push(value());
        skip();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return out;
        } else fail('expected "," or "]"');
      }
    }
    if (c === '"') return string();
    if (text.startsWith('true', i)) return ((i += 4), true);
    if (text.startsWith('false', i)) return ((i += 5), false);
    if (text.startsWith('null', i)) return ((i += 4), null);
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!match) fail(i >= text.length ? 'unexpected end of JSON' : `unexpected ${JSON.stringify(text[i])}`);
    i += match[0].length;
    if (match[2] === undefined && match[3] === undefined) {
      const n = Number(match[0]);
      return Number.isSafeInteger(n) ? n : match[0] === '-0' ? -0 : BigInt(match[0]);
    }
    return Number(match[0]);
  };
  const string = () => {
    const end = stringEnd(text, i);
    if (end < 0) fail('unterminated string');
    const s = JSON.parse(text.slice(i, end));
    i = end;
    return s;
  };
  const result = value();
  skip();
  if (i < text.length) fail('unexpected text after the JSON value');
  return result;
}

/** JSON.stringify for parseJson's values: bigints print as integers, -0 as -0. */
export function stringifyJson(value) {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'bigint':
      return value.toString();
    case 'number':
      return Object.is(value, -0) ? '-0' : JSON.stringify(value);
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    default:
      break;
  }
  if (Array.isArray(value)) return `[${value.map(stringifyJson).join(',')}]`;
  return `{${Object.keys(value)
    .map((k) => `${JSON.stringify(k)}:${stringifyJson(value[k])}`)
    .join(',')}}`;
}
