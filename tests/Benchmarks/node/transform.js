const { PassThrough } = require('stream');
const measure = require('./harness');
const CHUNK_SIZE = 1024;
const WRITES = 64 * 1024;
const chunk = Buffer.alloc(CHUNK_SIZE);

// One operation is one 1 KiB chunk written into a PassThrough and read from it by a 'data' listener.
measure(WRITES, () => new Promise((done, fail) => {
  const passThrough = new PassThrough();
  let received = 0;
  let written = 0;
  function writeOn() {
    while (written < WRITES) {
      written++;
      if (!passThrough.write(chunk)) {
        return; // on at 'drain'
      }
    }

    passThrough.end();
  }

  passThrough.on('data', (data) => { received += data.length; });
  passThrough.on('drain', writeOn);
  passThrough.on('error', fail);
  passThrough.on('close', () => {
    if (received === CHUNK_SIZE * WRITES) {
      done();
    } else {
      fail(new Error(`The transform passed ${received} bytes of ${CHUNK_SIZE * WRITES}.`));
    }
  });
  writeOn();
}));
