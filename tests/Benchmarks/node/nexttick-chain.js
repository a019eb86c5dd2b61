const measure = require('./harness');
const TICKS = 5_000_000;

measure(TICKS, () => new Promise((done) => {
  let count = 0;
  const step = () => (++count < TICKS ? process.nextTick(step) : done());
  setImmediate(() => process.nextTick(step));
}));
