const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');
const { pipeline, Writable } = require('stream');
const measure = require('./harness');
const CHUNK_SIZE = 64 * 1024;
const TOTAL_BYTES = 64 * 1024 * 1024;
const source = path.join(os.tmpdir(), 'loopwire-gzip-node.txt');
if (!fs.existsSync(source) || fs.statSync(source).size !== TOTAL_BYTES) {
  const lines = [];
  let length = 0;
  for (let line = 0; length < TOTAL_BYTES; line++) {
    const text = `${line} loopwire gzip benchmark line\n`;
    lines.push(text);
    length += text.length;
  }
  fs.writeFileSync(source, Buffer.from(lines.join('')).subarray(0, TOTAL_BYTES)); // the same text as the Loopwire side's
}

// One operation is one 64 KiB chunk gzipped, from a file stream through zlib.createGzip into a sink that drops it.
measure(TOTAL_BYTES / CHUNK_SIZE, () => new Promise((done, fail) => {
  let compressed = 0;
  const sink = new Writable({ write(chunk, encoding, callback) { compressed += chunk.length; callback(); } });
  pipeline(fs.createReadStream(source), zlib.createGzip(), sink, (error) => {
    if (error || compressed === 0) {
      fail(error ?? new Error('no output'));
    } else {
      done();
    }
  });
}));
