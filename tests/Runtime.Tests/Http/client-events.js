// The twin of HttpClientTests.RecordEvents: Node's http client against servers that answer, hang up, cut a body
// short or never answer. Reads a JSON array of scenario names on stdin and prints, for each, the events the request
// and its response emitted, as one JSON array of strings.
'use strict';
const http = require('http');
const net = require('net');

const answers = {
  'ok': s => s.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi'),
  'keep-alive': s => s.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi'),
  'refused': null,
  'hangup-end': s => s.end(),
  'hangup-destroy': s => s.destroy(),
  'cut-mid-body': s => { s.write('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc'); setImmediate(() => s.destroy()); },
  'bad-status': s => s.write('HTTP/1.1 2x0 OK\r\n\r\n'),
  'interim': s => s.write('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok'),
  'upgrade-no-listener': s => s.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n'),
  'timeout-destroy': () => {},
  'destroy-at-once': () => {},
  'destroy-with-error': () => {},
  'destroy-mid-body': s => s.write('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc'),
};

function record(name) {
  return new Promise(resolve => {
    const events = [];
    const answer = answers[name];
    const server = net.createServer(socket => {
      socket.on('error', () => {});
      socket.once('data', () => answer(socket));
    });
    server.listen(0, '127.0.0.1', () => {
      const port = server.address().port;
      if (answer === null) {
        server.close();
      }

      const options = { host: '127.0.0.1', port, path: '/', agent: new http.Agent({ keepAlive: true }) };
      if (name === 'upgrade-no-listener') options.headers = { Connection: 'Upgrade', Upgrade: 'echo' };
      if (name === 'timeout-destroy') options.timeout = 50;
      const request = http.request(options);
      request.on('continue', () => events.push('continue'));
      request.on('information', info => events.push(`information ${info.statusCode}`));
      request.on('response', response => {
        events.push(`response ${response.statusCode}`);
        response.on('data', chunk => {
          events.push(`data ${chunk.toString('latin1')}`);
          if (name === 'destroy-mid-body') request.destroy();
        });
        response.on('end', () => events.push('end'));
        response.on('error', error => events.push(`response error ${error.message}`));
        response.on('close', () => events.push(`response close complete=${response.complete}`));
      });
      request.on('timeout', () => { events.push('timeout'); request.destroy(); });
      request.on('error', error => events.push(`error ${error.code} ${error.message.replace(/\d+$/, 'PORT')}`));
      request.on('close', () => {
        events.push('close');
        setTimeout(() => { server.close(); options.agent.destroy(); resolve(events); }, 20); // let late events show
      });
      request.end();
      if (name === 'destroy-at-once') request.destroy();
      if (name === 'destroy-with-error') request.destroy(new Error('boom'));
    });
  });
}

let input = '';
process.stdin.on('data', d => input += d).on('end', async () => {
  for (const name of JSON.parse(input)) {
    console.log(JSON.stringify(await record(name)));
  }
});
