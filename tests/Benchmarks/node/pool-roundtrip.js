const fs = require('fs');
const measure = require('./harness');
const STATS = 100_000;

measure(STATS, () => new Promise((done) => {
  let completed = 0;
  const onStat = (err) => {
    if (err) throw err;
    if (++completed === STATS) done();
  };
  for (let i = 0; i < STATS; i++) fs.stat(__filename, onStat);
}));
