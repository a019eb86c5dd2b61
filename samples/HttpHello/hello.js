// The Node twin of Program.cs: the same hello server, with the same listening line, responses and shutdown.
//
//   node samples/HttpHello/hello.js [port]
'use strict';
const http = require('http');

const port = Number(process.argv[2] ?? 0);
const server = http.createServer((request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': 13 });
  response.end('Hello, World!');
});

function stop() {
  server.close(); // stops listening and, since Node 19, closes the idle keep-alive connections
  setTimeout(() => server.closeAllConnections(), 1000).unref(); // the same grace the C# server gives
}

process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.listen(port, '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
