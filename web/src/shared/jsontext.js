// Re-indents JSON text without parsing it, so numbers keep every digit
// (JSON.parse would round longs beyond 2^53 in Avro JSON and in defaults).

/** Pretty-prints valid JSON text with `indent` spaces; invalid text comes back re-spaced but intact. */
export function prettyJson(text, indent = 2) {
  let out = '';
  let depth = 0;
  let inString = false;
  const newline = () => `\n${' '.repeat(depth * indent)}`;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      out += ch;
      if (ch === '\\') out += text[++i] ?? '';
      else if (ch === '"') inString = false;
      continue;
    }
    switch (ch) {
      case '"':
        inString = true;
        out += ch;
        break;
      case '{':
      case '[': {
        // Empty containers stay on one line.
        let j = i + 1;
        while (j < text.length && /\s/.test(text[j])) j++;
        if (text[j] === (ch === '{' ? '}' : ']')) {
          out += ch + text[j];
          i = j;
        } else {
          depth++;
          out += ch + newline();
        }
        break;
      }
      case '}':
      case ']':
        depth = Math.max(0, depth - 1);
        out += newline() + ch;
        break;
      case ',':
        out += `,${newline()}`;
        break;
      case ':':
        out += ': ';
        break;
      default:
        if (!/\s/.test(ch)) out += ch;
    }
  }
  return out;
}
