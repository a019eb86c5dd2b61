// The Node twin of Program.cs: the same echo server and client, printing the same lines.
'use strict';
const net = require('net');

const lines = ['hello', 'event loop', 'bye'];

const server = net.createServer((socket) => {
  socket.pipe(socket); // every chunk written back, with backpressure; the client's end ends our side
  socket.on('end', () => console.log(`server: client ended after ${socket.bytesRead} bytes`));
});
server.on('close', () => console.log('server: closed'));
server.on('listening', () => {
  console.log('server: listening');
  const client = net.connect(server.address().port, '127.0.0.1');
  let received = '';
  client.on('connect', () => {
    console.log('client: connected');
    for (const line of lines) {
      client.write(line + '\n');
    }

    client.end(); // the server ends its side in turn, after its 'end' listener: both then close
  });
  client.on('data', (chunk) => { received += chunk.toString('utf8'); });
  client.on('end', () => {
    for (const line of received.split('\n').filter((l) => l.length > 0)) {
      console.log(`client: echo '${line}'`);
    }
  });
  client.on('close', (hadError) => {
    console.log(`client: closed, hadError ${hadError}`);
    server.close();
  });
});
server.listen(0, '127.0.0.1');
