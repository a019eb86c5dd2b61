const { spawn } = require('child_process');
const measure = require('./harness');
const CHUNK_SIZE = 64 * 1024;
const TOTAL_BYTES = 256 * 1024 * 1024;

// One operation is one 64 KiB chunk's worth of bytes delivered from the child's stdout, however the reads split them.
measure(TOTAL_BYTES / CHUNK_SIZE, () => new Promise((done, fail) => {
  let received = 0;
  const child = spawn('head', ['-c', String(TOTAL_BYTES), '/dev/zero']);
  child.stdout.on('data', (data) => { received += data.length; });
  child.on('error', fail);
  child.on('close', (code) => {
    if (received === TOTAL_BYTES && code === 0) {
      done();
    } else {
      fail(new Error(`The child printed ${received} bytes of ${TOTAL_BYTES} and exited with ${code}.`));
    }
  });
}));
