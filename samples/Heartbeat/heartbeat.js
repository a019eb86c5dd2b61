// The Node twin of Program.cs and Concierge.cs: the same listeners, wired by hand.
const { EventEmitter } = require('node:events');

const door = new EventEmitter();
let visitors = 0;
let beats = 0;

function greet(visitor) {
  visitors++;
  console.log(`welcome, ${visitor}`);
}

function beat() {
  beats++;
  console.log(`heartbeat ${beats}: ${visitors} visitors`);
  if (beats === 3) {
    console.log('done');
    detach();
  }
}

function interrupted() {
  console.log('interrupted');
  detach();
}

door.on('opened', greet);
const interval = setInterval(beat, 10);
process.on('SIGINT', interrupted);

function detach() {
  clearInterval(interval);
  door.off('opened', greet);
  process.off('SIGINT', interrupted);
}

door.emit('opened', 'alice');
door.emit('opened', 'bob');
process.nextTick(() => door.emit('opened', 'carol'));
