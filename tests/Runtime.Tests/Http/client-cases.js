// The twin of HttpClientTests.MakeRequest: the same requests made with Node's http client. Reads a JSON array of case
// names on stdin; for each, a server that answers the first bytes with "Connection: close" records all the client sent
// until it ended, and prints it as a JSON string with the port masked.
'use strict';
const http = require('http');
const net = require('net');

const cases = {
  'get': url => http.get(url + '/path?q=1'),
  'post-end': url => http.request(url + '/', { method: 'POST' }).end('hello'),
  'post-writes': url => { const r = http.request(url + '/', { method: 'POST' }); r.write('a'); r.write('b'); r.end(); },
  'post-empty': url => http.request(url + '/', { method: 'POST' }).end(),
  'header-option': url => http.request(url + '/', { headers: { 'X-A': 'b' } }).end(),
  'own-agent': url => http.request(url + '/', { agent: false }).end(),
  'host-header': url => http.request(url + '/', { headers: { host: 'example.com' } }).end(),
  'put-length': url => { const r = http.request(url + '/', { method: 'PUT', headers: { 'Content-Length': '3' } }); r.write('abc'); r.end(); },
  'delete-body': url => http.request(url + '/', { method: 'DELETE' }).end('x'),
  'get-body': url => { const r = http.request(url + '/'); r.write('x'); r.end(); },
  'auth': url => http.request(url + '/a', { auth: 'u:p' }).end(),
  'agent-no-keepalive': url => http.request(url + '/', { agent: new http.Agent({ keepAlive: false }) }).end(),
  'agent-max-sockets': url => http.request(url + '/', { agent: new http.Agent({ maxSockets: 2 }) }).end(),
  'connection-close': url => http.request(url + '/', { headers: { Connection: 'close' } }).end(),
  'head': url => http.request(url + '/', { method: 'HEAD' }).end(),
  'te-chunked': url => http.request(url + '/', { method: 'POST', headers: { 'Transfer-Encoding': 'chunked' } }).end('abc'),
  'set-cookie-after': url => { const r = http.request(url + '/', { method: 'PATCH' }); r.setHeader('Set-Cookie', ['a=1', 'b=2']); r.end(''); },
  'no-host': url => http.request(url + '/', { setHost: false }).end(),
  'options': url => http.request(url + '/', { method: 'OPTIONS' }).end(),
  'flush-headers': url => { const r = http.request(url + '/', { method: 'POST' }); r.flushHeaders(); r.end('ab'); },
  'expect': url => http.request(url + '/', { method: 'POST', headers: { Expect: '100-continue' } }).end('x'),
  'lowercase-method': url => http.request(url + '/', { method: 'post' }).end('a'),
};

function capture(name) {
  return new Promise(resolve => {
    const server = net.createServer(socket => {
      let received = '';
      socket.once('data', () => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'));
      socket.on('data', d => received += d.toString('latin1'));
      socket.on('end', () => {
        resolve(received.replaceAll(String(server.address().port), 'PORT'));
        server.close();
        socket.end();
      });
    });
    server.listen(0, '127.0.0.1', () => cases[name](`http://127.0.0.1:${server.address().port}`));
  });
}

let input = '';
process.stdin.on('data', d => input += d).on('end', async () => {
  for (const name of JSON.parse(input)) {
    console.log(JSON.stringify(await capture(name)));
  }
  process.exit(0); // the agents' kept sockets would otherwise wait for their timeout
});
