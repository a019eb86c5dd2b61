const net = require('net');
const measure = require('./harness');
const CHUNK_SIZE = 64 * 1024;
const TOTAL_BYTES = 256 * 1024 * 1024;
const chunk = Buffer.alloc(CHUNK_SIZE);

// One operation is one 64 KiB chunk's worth of bytes delivered to the server, however the reads split them.
measure(TOTAL_BYTES / CHUNK_SIZE, () => new Promise((done, fail) => {
  let received = 0;
  const server = net.createServer((socket) => {
    socket.on('data', (data) => { received += data.length; });
    socket.on('end', () => server.close());
  });
  server.on('close', () => {
    if (received === TOTAL_BYTES) {
      done();
    } else {
      fail(new Error(`The server received ${received} bytes of ${TOTAL_BYTES}.`));
    }
  });
  server.listen(0, '127.0.0.1', () => {
    const client = net.connect(server.address().port, '127.0.0.1');
    let written = 0;
    const writeUntilFull = () => {
      while (written < TOTAL_BYTES) {
        written += CHUNK_SIZE;
        if (!client.write(chunk)) {
          return; // 'drain' calls again
        }
      }

      client.end();
    };
    client.on('connect', writeUntilFull);
    client.on('drain', writeUntilFull);
  });
}));
