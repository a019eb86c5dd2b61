// Node's IncomingMessage.headers and headersDistinct for each list of raw headers given on stdin (a JSON array of
// [name, value, ...] arrays), one JSON line each; set-cookie's array is joined with ', ' as IncomingHeaders.Join does.
'use strict';
const { IncomingMessage } = require('http');

for (const raw of JSON.parse(require('fs').readFileSync(0, 'utf8'))) {
  const message = new IncomingMessage(null);
  message._addHeaderLines(raw, raw.length);
  const headers = {};
  for (const [name, value] of Object.entries(message.headers)) {
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  console.log(JSON.stringify({ headers, distinct: message.headersDistinct }));
}
