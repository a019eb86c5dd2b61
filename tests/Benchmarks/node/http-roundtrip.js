const http = require('http');
const measure = require('./harness');
const REQUESTS = 10_000;

measure(REQUESTS, () => new Promise((done) => {
  const server = http.createServer((req, res) => res.end('Hello, World!'));
  server.listen(0, '127.0.0.1', () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const options = { host: '127.0.0.1', port: server.address().port, path: '/', agent };
    let count = 0;
    const next = () => http.get(options, (res) => {
      res.on('end', () => {
        if (++count === REQUESTS) {
          agent.destroy();
          server.close(done);
        } else {
          next();
        }
      });
      res.resume();
    });
    next();
  });
}));
