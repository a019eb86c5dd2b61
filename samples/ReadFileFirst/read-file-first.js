// The Node original of Program.cs.
const fs = require('fs');
const path = require('path');

fs.readFile(process.argv[2] ?? path.join(__dirname, 'file.txt'), 'utf8', (err, data) => {
  if (err) throw err;
  console.log(data);
});
console.log('This runs before file read completes!');
