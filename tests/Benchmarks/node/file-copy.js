const fs = require('fs');
const os = require('os');
const path = require('path');
const { pipeline } = require('stream');
const measure = require('./harness');
const CHUNK_SIZE = 64 * 1024;
const TOTAL_BYTES = 64 * 1024 * 1024;
const source = path.join(os.tmpdir(), 'loopwire-file-copy-node.bin');
const destination = path.join(os.tmpdir(), `loopwire-file-copy-node-${process.pid}.copy`);
if (!fs.existsSync(source) || fs.statSync(source).size !== TOTAL_BYTES) {
  fs.writeFileSync(source, Buffer.alloc(TOTAL_BYTES)); // kept for later runs, as the Loopwire side keeps its own
}

// One operation is one 64 KiB chunk copied from a file stream into another, through stream.pipeline.
measure(TOTAL_BYTES / CHUNK_SIZE, () => new Promise((done, fail) => {
  pipeline(fs.createReadStream(source), fs.createWriteStream(destination), (error) => {
    const copied = error ? 0 : fs.statSync(destination).size;
    fs.rmSync(destination, { force: true });
    if (error || copied !== TOTAL_BYTES) {
      fail(error ?? new Error(`${copied} bytes of ${TOTAL_BYTES}`));
    } else {
      done();
    }
  });
}));
