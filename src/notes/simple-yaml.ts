// Front matter is nearly always a few `key: value` lines (chapter, title,
// tags), and the yaml library spends ~100 µs per note building a document
// for them: a tenth of the parse time. This reads that plain shape directly
// and returns undefined for anything else, which the library then reads.
// It only accepts what the library (core schema) reads the same way:
// test/simple-yaml.test.ts checks that against the library on random input.

// `key: value` at column 0; a key is an identifier, `key:value` is a plain scalar in YAML, not a key.
const ENTRY = /^([A-Za-z][A-Za-z0-9_]*):(?: +(.*?))? *$/;
// Words YAML reads as null or booleans: left to the library, as keys or values.
const KEYWORD = /^(?:true|True|TRUE|false|False|FALSE|null|Null|NULL)$/;
// Printable characters that mean nothing special inside quotes on one line.
const QUOTED =
  /^(?:"([^"\\\u0000-\u001F\u007F-\u009F\u2028\u2029\uFEFF\uD800-\uDFFF\uFFFE\uFFFF]*)"|'([^'\u0000-\u001F\u007F-\u009F\u2028\u2029\uFEFF\uD800-\uDFFF\uFFFE\uFFFF]*)')$/;
// A plain scalar without indicators, quotes, `:` or `#`, starting with a letter or digit.
const PLAIN = /^[A-Za-z0-9\uAC00-\uD7A3][A-Za-z0-9 _./()\-\u00A1-\u2027\u202A-\uD7FF\uE000-\uFEFE\uFF00-\uFFFD]*$/;
// Numbers, octal, hex and exponents all start with a digit and never hold a space.
const NUMBER_LIKE = /^[0-9][^ ]*$/;
const INT = /^[0-9]{1,15}$/;
const DECIMAL = /^[0-9]{1,15}\.[0-9]{1,15}$/;

/**
 * The mapping in `lines[from, to)` when every line is blank or a `key: value`
 * with a plain string, a quoted string without escapes, a decimal number or
 * a one-line `[a, b]` list of those; null when every line is blank; undefined
 * when the yaml library must decide.
 */
export function readSimpleMapping(lines: readonly string[], from: number, to: number): Record<string, unknown> | null | undefined {
  const data: Record<string, unknown> = {};
  let empty = true;
  for (let i = from; i < to; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const entry = ENTRY.exec(line);
    if (!entry) return undefined;
    const key = entry[1]!;
    if (KEYWORD.test(key) || Object.hasOwn(data, key)) return undefined;
    const raw = entry[2] ?? '';
    let value: unknown;
    if (raw === '') value = null;
    else if (raw.charCodeAt(0) === 0x5b /* [ */) value = readList(raw);
    else value = readScalar(raw);
    if (value === undefined) return undefined;
    data[key] = value;
    empty = false;
  }
  return empty ? null : data;
}

function readScalar(raw: string): string | number | undefined {
  const quoted = QUOTED.exec(raw);
  if (quoted) return quoted[1] ?? quoted[2]!;
  if (INT.test(raw)) return Number.parseInt(raw, 10);
  if (DECIMAL.test(raw)) return Number.parseFloat(raw);
  return PLAIN.test(raw) && !KEYWORD.test(raw) && !NUMBER_LIKE.test(raw) && !raw.endsWith(' ') ? raw : undefined;
}

/** `[a, "b", 3]` on one line; undefined for nested, empty or oddly spaced items. */
function readList(raw: string): (string | number)[] | undefined {
  if (!raw.endsWith(']')) return undefined;
  const inner = raw.slice(1, -1);
  if (inner.trim() === '') return inner === '' ? [] : undefined;
  const items: (string | number)[] = [];
  for (const part of inner.split(',')) {
    const item = part.replace(/^ +| +$/g, '');
    // Flow indicators inside a plain item would change the list's shape.
    if (item === '' || /[[\]{}]/.test(item)) return undefined;
    const value = readScalar(item);
    if (value === undefined) return undefined;
    items.push(value);
  }
  return items;
}
