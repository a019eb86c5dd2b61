// The Node twin of Program.cs: stdin through a zlib stream to stdout with one pipeline, or back with -d.
const { pipeline } = require('stream/promises');
const zlib = require('zlib');

const decompress = process.argv[2] === '-d';
(async () => {
  try {
    await pipeline(process.stdin, decompress ? zlib.createGunzip() : zlib.createGzip(), process.stdout);
  } catch (error) {
    process.stderr.write(`gzip: ${error.message} (${error.code})\n`);
    process.exitCode = 1;
  }
})();
