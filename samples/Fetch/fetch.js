// The Node twin of Program.cs: the same server with Node's http module, and Node's global fetch.
const http = require('http');
const zlib = require('zlib');

const zipped = zlib.gzipSync('compressed on the wire');
const server = http.createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => { body += chunk; });
  request.on('end', () => {
    switch (request.url) {
      case '/old':
        response.statusCode = 301;
        response.setHeader('Location', '/new');
        response.end();
        break;
      case '/new':
        response.end('you found it');
        break;
      case '/echo':
        response.setHeader('Content-Type', 'application/json');
        response.end(JSON.stringify(JSON.parse(body).name.toUpperCase()));
        break;
      case '/zipped':
        response.setHeader('Content-Encoding', 'gzip');
        response.end(zipped);
        break;
      default:
        response.statusCode = 404;
        response.end('no such page');
        break;
    }
  });
});

const title = (flag) => (flag ? 'True' : 'False'); // as C# prints a bool

server.listen(0, '127.0.0.1', async () => {
  const url = `http://127.0.0.1:${server.address().port}`;

  const moved = await fetch(url + '/old');
  console.log(`GET /old: ${moved.status} ${moved.statusText}, redirected: ${title(moved.redirected)}, to ${new URL(moved.url).pathname}, "${await moved.text()}"`);

  const echoed = await fetch(url + '/echo', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'event loop' }),
  });
  const name = await echoed.json();
  console.log(`POST /echo: ${echoed.status}, ${echoed.headers.get('content-type')}, ${name}`);

  const decoded = await fetch(url + '/zipped');
  console.log(`GET /zipped: ${decoded.status}, sent as ${decoded.headers.get('content-encoding')}, "${await decoded.text()}"`);

  const missing = await fetch(url + '/missing');
  console.log(`GET /missing: ${missing.status} ${missing.statusText}, ok: ${title(missing.ok)}, "${await missing.text()}"`);
  server.close();
});
