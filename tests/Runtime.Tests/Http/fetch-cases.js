// Node's side of FetchNodeTests: the cases of FetchCases, fetched with Node's own fetch from the Loopwire server whose
// base URL is the argument. Prints one line per case, as FetchNodeTests prints Loopwire's.
'use strict';

const base = process.argv[2];
const body = { 'post-text': 'héllo', 'put-bytes': new Uint8Array([0x61, 0x62]) };
const cases = [
  ['get', '/echo', {}],
  ['post-text', '/echo', { method: 'POST', body: body['post-text'] }],
  ['put-bytes', '/echo', { method: 'PUT', body: body['put-bytes'] }],
  ['post-typed', '/echo', { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } }],
  ['302-post', '/302/echo', { method: 'POST', body: 'b', headers: { Authorization: 'secret' } }],
  ['301-post', '/301/echo', { method: 'POST', body: 'b', headers: { Authorization: 'secret' } }],
  ['303-put', '/303/echo', { method: 'PUT', body: 'b', headers: { Authorization: 'secret' } }],
  ['307-post', '/307/echo', { method: 'POST', body: 'b', headers: { Authorization: 'secret' } }],
  ['308-put', '/308/echo', { method: 'PUT', body: 'b', headers: { Authorization: 'secret' } }],
  ['manual', '/302/echo', { redirect: 'manual' }],
  ['error', '/302/echo', { redirect: 'error' }],
  ['loop', '/loop', {}],
  ['gzip', '/gzip', {}],
  ['deflate', '/deflate', {}],
  ['br', '/br', {}],
  ['gzip-then-br', '/gzip-then-br', {}],
  ['headers', '/headers', {}],
  ['head', '/not-gzip', { method: 'HEAD' }],
];

(async () => {
  for (const [name, path, init] of cases) {
    try {
      const response = await fetch(base + path, init);
      const headers = [...response.headers].filter(([key]) => !['date', 'connection', 'keep-alive'].includes(key)).map(([key, value]) => `${key}=${value}`).join(';');
      const text = await response.text();
      console.log(`${name}: ${response.status} ${response.statusText} ok=${response.ok} redirected=${response.redirected} ` +
        `url=${response.url.slice(base.length)} [${headers}] cookies=${response.headers.getSetCookie().join('|')} ${text}`);
    } catch (error) {
      console.log(`${name}: ${error.message}: ${error.cause ? error.cause.message : ''}`);
    }
  }
})();
