// The parts of Node's `util` that avsc's type module uses (benchmark page only).
export function inherits(ctor, superCtor) {
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
  Object.setPrototypeOf(ctor, superCtor);
  Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
}

export function format(template, ...args) {
  let i = 0;
  const text = String(template).replace(/%[sdjifoO%]/g, (token) => {
    if (token === '%%') return '%';
    if (i >= args.length) return token;
    const arg = args[i++];
    if (token === '%d' || token === '%i') return String(Number.parseInt(arg, 10));
    if (token === '%f') return String(Number(arg));
    if (token === '%j') return JSON.stringify(arg);
    return typeof arg === 'object' && arg !== null ? JSON.stringify(arg) : String(arg);
  });
  return [text, ...args.slice(i).map(String)].join(' ');
}

export const debuglog = () => () => {};
export const deprecate = (fn) => fn;

export default { inherits, format, debuglog, deprecate };
