// The twin of HttpServerTests.Handle: the same handlers on Node's http server. Reads a JSON array of raw requests
// on stdin, sends each alone on a connection that then half-closes, and prints each answer as a JSON string, its Date
// header masked.
'use strict';
const http = require('http');
const net = require('net');

const handlers = {
  '/hello': (q, s) => { s.setHeader('Content-Type', 'text/plain'); s.end('Hello, World!'); },
  '/empty': (q, s) => s.end(),
  '/chunks': (q, s) => { s.write('ab'); s.write(''); s.end('cd'); },
  '/head': (q, s) => { s.setHeader('set-cookie', ['a=1', 'b=2']); s.writeHead(201, { 'X-A': '1' }); s.end('x'); },
  '/status': (q, s) => { s.statusCode = 404; s.statusMessage = 'Nope'; s.end(); },
  '/nocontent': (q, s) => { s.statusCode = 204; s.end('ignored'); },
  '/echo': (q, s) => { let n = 0; q.on('data', d => n += d.length); q.on('end', () => s.end(String(n))); },
  '/close': (q, s) => { s.setHeader('Connection', 'close'); s.end('bye'); },
};
const notFound = (q, s) => { s.statusCode = 404; s.end(); };

const server = http.createServer((q, s) => (handlers[q.url] || notFound)(q, s));

function exchange(port, raw) {
  return new Promise(resolve => {
    const client = net.connect(port, '127.0.0.1', () => client.end(Buffer.from(raw, 'latin1')));
    let answer = '';
    client.on('data', d => answer += d.toString('latin1'));
    client.on('error', () => {});
    client.on('close', () => resolve(answer.replace(/Date: [^\r]*/g, 'Date: X')));
  });
}

let input = '';
process.stdin.on('data', d => input += d).on('end', () => {
  server.listen(0, '127.0.0.1', async () => {
    for (const raw of JSON.parse(input)) {
      console.log(JSON.stringify(await exchange(server.address().port, raw)));
    }
    server.close();
  });
});
