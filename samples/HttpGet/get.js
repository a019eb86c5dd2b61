// The Node twin of Program.cs: the same server and requests with Node's http module.
const http = require('http');

async function fetch(request) {
  const closed = new Promise((resolve) => request.on('close', resolve));
  const response = await new Promise((resolve) => request.on('response', resolve));
  let body = '';
  for await (const chunk of response) {
    body += chunk.toString('utf8');
  }

  await closed;
  const type = response.headers['content-type'] ?? 'no type';
  console.log(`${request.method} ${request.path}: ${response.statusCode} ${response.statusMessage}, ${type}, "${body}", reused socket: ${request.reusedSocket ? 'yes' : 'no'}`);
}

const server = http.createServer((request, response) => {
  switch (request.url) {
    case '/hello':
      response.setHeader('Content-Type', 'text/plain');
      response.end('Hello, World!');
      break;
    case '/shout': {
      let body = '';
      request.on('data', (chunk) => body += chunk.toString('utf8'));
      request.on('end', () => response.end(body.toUpperCase()));
      break;
    }
    default:
      response.statusCode = 404;
      response.end('no such page');
  }
});

server.listen(0, '127.0.0.1', async () => {
  const url = `http://127.0.0.1:${server.address().port}`;
  await fetch(http.get(url + '/hello'));

  const shout = http.request(url + '/shout', { method: 'POST' });
  shout.write('event ');
  shout.end('loop');
  await fetch(shout);

  await fetch(http.get(url + '/missing'));
  server.close();
});
