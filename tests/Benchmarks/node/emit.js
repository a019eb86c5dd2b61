// Twin of Emit/EmitScenario.cs: 10M emits of 'data' with two int arguments to two listeners.
const { EventEmitter } = require('events');
const measure = require('./harness');

const EMITS = 10_000_000;
const emitter = new EventEmitter();
let total = 0;
emitter.on('data', (a, b) => { total += a + b; });
emitter.on('data', (a, b) => { total += b + a; });

measure(EMITS, () => {
  for (let i = 0; i < EMITS; i++) {
    emitter.emit('data', i, i);
  }
});
