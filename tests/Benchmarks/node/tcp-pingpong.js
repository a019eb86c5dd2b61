const net = require('net');
const measure = require('./harness');
const ROUND_TRIPS = 20_000;
const MESSAGE_SIZE = 64;
const message = Buffer.alloc(MESSAGE_SIZE);

measure(ROUND_TRIPS, () => new Promise((done) => {
  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    socket.on('data', (chunk) => socket.write(chunk));
  });
  server.listen(0, '127.0.0.1', () => {
    const client = net.connect(server.address().port, '127.0.0.1', () => client.write(message));
    client.setNoDelay(true);
    let trips = 0;
    let received = 0;
    client.on('data', (chunk) => {
      // A message may arrive in pieces: each whole one received ends a trip and starts the next.
      for (received += chunk.length; received >= MESSAGE_SIZE; received -= MESSAGE_SIZE) {
        if (++trips === ROUND_TRIPS) {
          client.destroy();
          server.close(done);
          return;
        }

        client.write(message);
      }
    });
  });
}));
