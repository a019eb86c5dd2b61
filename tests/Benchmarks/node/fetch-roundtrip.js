const http = require('http');
const measure = require('./harness');
const REQUESTS = 10_000;

measure(REQUESTS, () => new Promise((done) => {
  const server = http.createServer((req, res) => res.end('Hello, World!'));
  server.listen(0, '127.0.0.1', async () => {
    const url = `http://127.0.0.1:${server.address().port}/`;
    for (let i = 0; i < REQUESTS; i++) {
      const response = await fetch(url);
      await response.text();
    }
    server.close(done);
  });
}));
