const measure = require('./harness');
const TIMEOUTS = 500_000;
const SPREAD = 100;

// Counts only the overhead: the time beyond the last due time, which no loop can beat.
measure(TIMEOUTS, () => new Promise((done) => {
  const counter = { count: 0 };
  const start = process.hrtime.bigint();
  const increment = (c) => {
    if (++c.count === TIMEOUTS) done(Number(process.hrtime.bigint() - start) - (SPREAD - 1) * 1e6);
  };
  for (let i = 0; i < TIMEOUTS; i++) setTimeout(increment, i % SPREAD, counter);
}));
