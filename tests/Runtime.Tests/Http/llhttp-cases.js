// Runs each case given on stdin through Node's own llhttp (the HTTPParser under node:http) and prints one line per
// case: what llhttp reported, in the format HttpParserNodeTests prints Loopwire's HttpParser with, so the two compare
// line for line. Input: a JSON array of { kind: 'request' | 'response', data: base64, skipBody, eof }.
'use strict';
process.noDeprecation = true; // process.binding, for llhttp's full method list
const { HTTPParser } = require('_http_common');
const { allMethods } = process.binding('http_parser');

// Strings as HttpParserNodeTests.Escape writes them: printable ASCII as it is, anything else as \xHH (latin1 bytes).
function escape(text) {
  let out = '';
  for (const c of text) {
    const code = c.charCodeAt(0);
    out += code >= 0x20 && code <= 0x7e && c !== '\\' ? c : '\\x' + code.toString(16).padStart(2, '0');
  }
  return out;
}

const list = (items) => '[' + items.map(escape).join(', ') + ']';

function run({ kind, data, skipBody, eof }) {
  const input = Buffer.from(data, 'base64');
  const parser = new HTTPParser();
  parser.initialize(kind === 'request' ? HTTPParser.REQUEST : HTTPParser.RESPONSE, {}, 0, 0);
  const events = [];
  let pending = []; // headers (or trailers) llhttp handed over before the callback that owns them, as _http_common keeps them
  let pendingUrl = '';
  let body = [];
  let upgraded = false;
  parser[HTTPParser.kOnHeaders] = (headers, url) => {
    pending.push(...headers);
    pendingUrl += url;
  };
  parser[HTTPParser.kOnHeadersComplete] = (major, minor, headers, method, url, status, message, upgrade, keepAlive) => {
    headers = headers || pending;
    url = url || pendingUrl;
    pending = [];
    pendingUrl = '';
    const start = kind === 'request' ? `${allMethods[method]} ${escape(url)}` : `${status} ${escape(message)}`;
    events.push(`head ${start} HTTP/${major}.${minor} ${list(headers)} keepAlive=${keepAlive} upgrade=${upgrade}`);
    upgraded = upgrade || status === 101;
    return skipBody ? 1 : 0;
  };
  parser[HTTPParser.kOnBody] = (chunk) => body.push(chunk);
  parser[HTTPParser.kOnMessageComplete] = () => {
    events.push(`done body=${escape(Buffer.concat(body).toString('latin1'))} trailers=${list(pending)}`);
    pending = [];
    pendingUrl = '';
    body = [];
  };
  parser[HTTPParser.kOnExecute] = () => {};
  const parsed = parser.execute(input);
  if (parsed instanceof Error) {
    events.push(`error ${parsed.code} ${parsed.reason}`);
  } else if (upgraded && events[events.length - 1].startsWith('done')) {
    events.push(`upgrade at=${parsed}`); // llhttp stops after an upgrade: the rest is the new protocol's
  } else if (eof) {
    const finished = parser.finish();
    events.push(finished instanceof Error ? `error ${finished.code} ${finished.reason}` : 'eof');
  }
  return events.join(' | ');
}

const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
for (const c of cases) {
  console.log(run(c));
}
