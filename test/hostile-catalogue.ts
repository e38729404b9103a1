import { SEED_COURSE, SEED_PATH } from './helpers.js';
import { documentId } from '../src/notes/ids.js';

/**
 * Inputs a hostile or careless client sends. Every one must get a clear 4xx
 * (or a 2xx where the input is legitimate), never a 5xx, never a hang, and
 * must leave stored notes as they were. Grow this list; don't shrink it.
 */
export interface HostileCase {
  name: string;
  method?: 'GET' | 'PUT' | 'DELETE' | 'POST' | 'PATCH' | 'HEAD';
  url: string;
  headers?: Record<string, string>;
  payload?: string | Buffer;
  /** Exact status, or the statuses allowed. */
  expect: number | number[];
}

const SEED_ID = documentId(SEED_COURSE, SEED_PATH);
const TOKEN = { authorization: 'Bearer test-token-1' };
const MD = { ...TOKEN, 'content-type': 'text/markdown' };
const NOTE = '/v1/courses/hostile/documents/ch1.md';
const OK_OR_CLIENT = [200, 304, 400, 404, 422];
const READ = [200, 400, 404];

const ftsQueries = [
  '"unterminated', 'NEAR(a b)', 'a AND OR b', '*', '-', 'content:foo', '^a', 'a OR', '(((', '"', "'", 'a NOT', 'NOT',
  '{a b}', 'a + b', 'a:b:c', '"a" "b', 'AND', 'OR OR OR', 'a*b*', 'title:*', '\\', '%', '_',
];
const oddQueries = [
  '', ' ', '   ', '\t\n', 'x'.repeat(10_240), 'a\u0000b', '\u0000', '😀', '👩‍👩‍👧‍👦 family', 'مرحبا بالعالم', '\u202Eevil\u202C',
  'שלום', 'ㅎㅌㅍ', '소켓', 'ㅅㅋ', '\uFEFF', 'x'.repeat(200).split('').join(' '),
];

function qs(value: string): string {
  return encodeURIComponent(value);
}

export function hostileCases(): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const q of [...ftsQueries, ...oddQueries]) {
    cases.push({ name: `search q=${JSON.stringify(q.slice(0, 20))}`, url: `/v1/search?q=${qs(q)}`, expect: [200, 400] });
  }
  // Percent sequences no encoder would produce: a lone surrogate in UTF-8, an invalid byte, a truncated escape.
  for (const raw of ['%ED%A0%80', '%ff', '%C3', '%zz', '%', '%2', '%00', '%E2%80%AE']) {
    cases.push({ name: `search q raw ${raw}`, url: `/v1/search?q=${raw}`, expect: [200, 400] });
  }
  // Not a whole number in range, or given twice: always a 400 naming `limit`.
  const badLimits = ['1&limit=2', '-1', '0', '1.5', '1e3', '0x10', '99999999999999999999', 'NaN', 'Infinity', 'null', '[]', '1,2'];
  for (const value of badLimits) {
    cases.push({ name: `search limit=${value}`, url: `/v1/search?q=socket&limit=${value}`, expect: 400 });
    cases.push({ name: `courses limit=${value}`, url: `/v1/courses?limit=${value}`, expect: 400 });
  }
  for (const value of ['', '%20', '-1', '1e3', '[]']) {
    // Unknown parameters are ignored, as most APIs do; they never reach SQL.
    cases.push({ name: `search offset=${value}`, url: `/v1/search?q=socket&offset=${value}`, expect: 200 });
  }
  cases.push({ name: 'search cursor junk', url: '/v1/search?q=socket&cursor=%00%ff', expect: 400 });
  cases.push({ name: 'search page duplicate params', url: '/v1/search?q=a&q=b&limit=1&limit=1', expect: 400 });

  const ids = [
    '%zz', '%2e%2e', '..%2F..%2Fetc%2Fpasswd', "' OR 1=1--", "1'; DROP TABLE documents;--", 'd_%00', 'x'.repeat(10_240),
    '%E2%80%AE', '😀', 'd_98950b16bde4e1aee5bg', `${SEED_ID}%20`, '%2F', 'null', 'undefined', '__proto__', 'constructor',
  ];
  for (const id of ids) {
    for (const kind of ['topics', 'concepts', 'figures']) {
      cases.push({ name: `${kind}/${id.slice(0, 20)}`, url: `/v1/${kind}/${id}`, expect: [400, 404] });
    }
    cases.push({ name: `document source ${id.slice(0, 20)}`, url: `/v1/documents/${id}/source`, expect: [400, 404] });
    cases.push({ name: `document revisions ${id.slice(0, 20)}`, url: `/v1/documents/${id}/revisions`, expect: [400, 404] });
    cases.push({ name: `revision source ${id.slice(0, 20)}`, url: `/v1/documents/${id}/revisions/1/source`, expect: [400, 404] });
    cases.push({ name: `chapter ${id.slice(0, 20)}`, url: `/v1/courses/${id}/chapters/${id}`, expect: [400, 404] });
  }
  for (const rev of ['0', '-1', '1.5', '1e3', '0x10', '99999999999999999999', 'abc', '%00', '1%20', '01']) {
    cases.push({ name: `revision ${rev}`, url: `/v1/documents/${SEED_ID}/revisions/${rev}/source`, expect: 400 });
  }
  cases.push({ name: 'revision that does not exist', url: `/v1/documents/${SEED_ID}/revisions/999/source`, expect: 404 });

  // Note paths that would step outside the course folder, or name no note file.
  const paths: [string, number | number[]][] = [
    ['..%2F..%2Fx.md', 400], ['%2e%2e%2Fx.md', 400], ['a%2F..%2Fx.md', 400], ['%2Fetc%2Fpasswd.md', 400], ['a%00b.md', 400],
    ['a%5Cb.md', 400], ['a%2F%2Fb.md', 400], ['.%2Fx.md', 400], [`${'a'.repeat(600)}.md`, 400], ['notes', 400], ['x.md%0A', 400],
    ['%zz.md', 400], ['ch7.md?x=1', [201, 200]],
  ];
  for (const [path, expect] of paths) {
    cases.push({ name: `PUT path ${path.slice(0, 30)}`, method: 'PUT', url: `/v1/courses/hostile/documents/${path}`, headers: MD, payload: '# A\n', expect });
  }
  for (const course of ['..', '%2e%2e', 'a%00', 'a%5Cb', 'x'.repeat(101)]) {
    cases.push({ name: `PUT course ${course.slice(0, 20)}`, method: 'PUT', url: `/v1/courses/${course}/documents/ch1.md`, headers: MD, payload: '# A\n', expect: [400, 404] });
  }

  const contentTypes: [string | undefined, number][] = [
    ['application/json', 415], ['text/html', 415], ['text/markdown; charset=latin1', 415], ['text/markdown; charset=utf-16', 415],
    [';;;', 415], ['text/', 415], ['multipart/form-data; boundary=x', 415], ['application/x-www-form-urlencoded', 415],
    ['*/*', 415], ['text/markdown, text/plain', 415], [undefined, 415], ['TEXT/MARKDOWN', 201], ['text/plain', 200],
    ['text/x-markdown; charset=UTF-8', 200],
  ];
  for (const [type, expect] of contentTypes) {
    const headers: Record<string, string> = { ...TOKEN };
    if (type !== undefined) headers['content-type'] = type;
    cases.push({ name: `content-type ${type}`, method: 'PUT', url: NOTE, headers, payload: '# A\n', expect });
  }

  const bodies: [string, Buffer | string, number][] = [
    ['latin-1 body', Buffer.from('# Caf\xe9\n', 'latin1'), 400],
    ['lone surrogate as CESU bytes', Buffer.from([0x23, 0x20, 0xed, 0xa0, 0x80, 0x0a]), 400],
    ['overlong UTF-8', Buffer.from([0x23, 0x20, 0xc0, 0xaf, 0x0a]), 400],
    ['NUL byte', Buffer.from('# A\n\u0000\n'), 400],
    ['UTF-16 with BOM', Buffer.from('\ufeff# A\n', 'utf16le'), 400],
    ['front matter ---js', '---js\nmodule.exports = {}\n---\n# A\n', 422],
    ['front matter alias bomb', `---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n---\n# A\n`, 422],
    ['front matter duplicate keys', '---\ntitle: a\ntitle: b\n---\n# A\n', 422],
    ['front matter !!js/function', '---\nf: !!js/function "function(){}"\n---\n# A\n', 422],
    ['front matter scalar', '---\njust a string\n---\n# A\n', 422],
    ['front matter list', '---\n- a\n- b\n---\n# A\n', 422],
    ['front matter unclosed', '---\ntitle: a\n# A\n', 422],
    ['front matter self alias', '---\na: &a [*a]\n---\n# A\n', 422],
    ['front matter 10,000 nested flow', `---\na: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n---\n# A\n`, 422],
    ['indented list 2,500 deep', Array.from({ length: 2_500 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n'), 422],
    ['blockquote nested 10,000 deep', `${'>'.repeat(10_000)} deep\n`, 422],
    ['list nested 10,000 deep (a marker per level)', `${'- '.repeat(10_000)}x\n`, 422],
    ['ordered list nested 10,000 deep', `${'1. '.repeat(10_000)}x\n`, 422],
    ['no chapter anywhere', '# Intro\n', 201],
    ['embed outside the notes', '# A\n- see ![[../../../etc/passwd]]\n- and ![x](file:///etc/passwd)\n', 200],
    ['html and script', '# A\n<script>alert(1)</script>\n- <img src=x onerror=alert(1)>\n', 200],
    ['empty note', '', 200],
    ['only a BOM', '\ufeff', 200],
  ];
  for (const [name, payload, expect] of bodies) {
    const url =
      name === 'no chapter anywhere' ? '/v1/courses/hostile/documents/intro.md' : name.startsWith('embed') ? '/v1/courses/hostile/documents/ch8-embeds.md' : NOTE;
    cases.push({ name: `body: ${name}`, method: 'PUT', url, headers: MD, payload, expect: name === 'no chapter anywhere' ? 422 : expect === 200 ? [200, 201] : expect });
  }

  const methods: [HostileCase['method'], string][] = [
    ['POST', NOTE], ['PATCH', NOTE], ['GET', NOTE], ['POST', '/health'], ['DELETE', '/ready'], ['PUT', `/v1/documents/${SEED_ID}/revisions/1/source`],
    ['POST', `/v1/documents/${SEED_ID}/revisions/1/source`],
  ];
  for (const [method, url] of methods) cases.push({ name: `${method} ${url.slice(0, 40)}`, method, url, headers: MD, payload: '# A\n', expect: 405 });

  cases.push({ name: 'unknown route', url: '/v1/nothing-here', expect: 404 });
  cases.push({ name: 'double slashes', url: '//v1//documents', expect: 404 });
  cases.push({ name: 'dot segments', url: '/v1/../v1/./courses', expect: [200, 404] });
  cases.push({ name: 'semicolon path params', url: `/v1/documents/${SEED_ID};x=1/revisions/1/source`, expect: [400, 404] });
  cases.push({ name: 'If-None-Match junk', url: `/v1/documents/${SEED_ID}/revisions/1/source`, headers: { 'if-none-match': '"x\\y", W/, *,,,' }, expect: [200, 304] });
  cases.push({ name: 'If-Match junk', method: 'PUT', url: NOTE, headers: { ...MD, 'if-match': 'W/"x", ,,' }, payload: '# A\n', expect: 412 });
  cases.push({ name: 'Authorization junk', method: 'PUT', url: NOTE, headers: { 'content-type': 'text/markdown', authorization: 'Bearer \u00ff\u00fe' }, payload: '# A\n', expect: 401 });
  cases.push({ name: 'Accept junk', url: '/health', headers: { accept: '*/*;q=x, text/html;;' }, expect: 200 });
  cases.push({ name: 'Accept-Encoding junk', url: '/openapi.json', headers: { 'accept-encoding': 'br;q=NaN, gzip;q=-1, zstd' }, expect: 200 });
  return cases;
}

export { OK_OR_CLIENT, READ };
