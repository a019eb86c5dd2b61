// The Node twin of Program.cs: the same steps, the same lines.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, exec } = require('child_process');
const { pipeline } = require('stream/promises');
const { promisify } = require('util');

async function main() {
  const input = path.join(os.tmpdir(), `loopwire-sortpipe-node-${process.pid}.txt`);
  await fs.promises.writeFile(input, 'pear\napple\nfig\nbanana\n');

  const sort = spawn('sort');
  await pipeline(fs.createReadStream(input), sort.stdin);
  console.log('piped the file into sort');

  let sorted = '';
  for await (const chunk of sort.stdout) {
    sorted += chunk.toString('utf8');
  }

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
