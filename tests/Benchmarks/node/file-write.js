const fs = require('fs');
const os = require('os');
const path = require('path');
const measure = require('./harness');
const CHUNK_SIZE = 1024;
const WRITES = 64 * 1024;
const chunk = Buffer.alloc(CHUNK_SIZE);
const file = path.join(os.tmpdir(), `loopwire-file-write-node-${process.pid}.bin`);

// One operation is one 1 KiB write to a file stream, made as fast as its backpressure lets them.
measure(WRITES, () => new Promise((done, fail) => {
  const stream = fs.createWriteStream(file);
  let written = 0;
  function writeOn() {
    while (written < WRITES) {
      written++;
      if (!stream.write(chunk)) {
        return; // on at 'drain'
      }
    }

    stream.end();
  }

  stream.on('drain', writeOn);
  stream.on('error', fail);
  stream.on('close', () => {
    const length = fs.statSync(file).size;
    fs.rmSync(file, { force: true });
    if (length === CHUNK_SIZE * WRITES) {
      done();
    } else {
      fail(new Error(`The file holds ${length} bytes of ${CHUNK_SIZE * WRITES}.`));
    }
  });
  writeOn();
}));
