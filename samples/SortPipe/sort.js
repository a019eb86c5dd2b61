// The Node twin of Program.cs: the same steps, the same lines.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, exec } = require('child_process');
const { once } = require('events');
const { pipeline } = require('stream/promises');
const { promisify } = require('util');

async function main() {
  const input = path.join(os.tmpdir(), `loopwire-sortpipe-node-${process.pid}.txt`);
  await fs.promises.writeFile(input, 'pear\napple\nfig\nbanana\n');

  const sort = spawn('sort');
  // Listening before sort can exit, as ReadAllAsync does from its call: Node's async iterator attaches only at its
  // first next(), and an exited child's stdout that nothing reads is drained and lost (flushStdio).
  let sorted = '';
  sort.stdout.on('data', (chunk) => { sorted += chunk.toString('utf8'); });
  const ended = once(sort.stdout, 'end');
  await pipeline(fs.createReadStream(input), sort.stdin);
  console.log('piped the file into sort');
  await ended;

  console.log(`sort printed: ${sorted.trimEnd().replaceAll('\n', ' ')}`);

  const count = await promisify(exec)(`wc -l < '${input}'`);
  console.log(`wc counted ${count.stdout.trim()} lines`);

  try {
    await promisify(exec)('echo oops >&2; exit 2');
  } catch (error) {
    console.log(`exec failed with code ${error.code}: ${error.stderr.trim()}`);
  }

  await fs.promises.unlink(input);
}

main();
