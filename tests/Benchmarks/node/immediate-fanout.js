const measure = require('./harness');
const IMMEDIATES = 1_000_000;

measure(IMMEDIATES, () => new Promise((done) => {
  const counter = { count: 0 };
  const increment = (c) => { if (++c.count === IMMEDIATES) done(); };
  for (let i = 0; i < IMMEDIATES; i++) setImmediate(increment, counter);
}));
