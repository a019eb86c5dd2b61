const measure = require('./harness');
const IMMEDIATES = 2_000_000;

measure(IMMEDIATES, () => new Promise((done) => {
  let count = 0;
  const step = () => (++count < IMMEDIATES ? setImmediate(step) : done());
  setImmediate(step);
}));
