// The Node twin of Program.cs: stdin read line by line with readline, each line numbered onto stdout, the count
// onto stderr.
const readline = require('readline');

(async () => {
  let count = 0;
  for await (const line of readline.createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    process.stdout.write(`${String(++count).padStart(6)}  ${line}\n`);
  }

  process.stderr.write(`${count} lines\n`);
})();
