// The Node twin of Program.cs: the same schedule, the same output, line for line.
const fs = require('fs');
const net = require('net');

console.log('main: start');

// A socket: a handle whose close callback runs in the close phase. Server and accepted side stay silent.
let socket;
const server = net.createServer((accepted) => accepted.unref()).listen(0, '127.0.0.1', () => {
  socket = net.connect(server.address().port, '127.0.0.1');
  server.unref();
});

process.nextTick(() => console.log('nextTick 1'));
Promise.resolve().then(() => console.log('microtask 1'));
queueMicrotask(() => {
  console.log('microtask 2');
  process.nextTick(() => console.log('nextTick queued by a microtask'));
});
process.nextTick(() => console.log('nextTick 2'));

(async () => {
  await null;
  console.log('after await (a microtask)');
})();

setTimeout(() => {
  console.log('timers: timeout 0');
  setTimeout(() => {
    console.log('timers: timeout 0 set by a timeout');
    fs.readFile(__filename, () => {
      console.log('poll: file read');
      setTimeout(() => console.log('timers: timeout 0 set by I/O'), 0);
      setImmediate(() => console.log('check: immediate set by I/O, always before that timeout'));
      socket.on('close', () => console.log('close: handle closed'));
      socket.destroy();
      process.nextTick(() => console.log('nextTick set by I/O'));
    });
  }, 0);
  setImmediate(() => console.log('check: immediate set by a timeout'));
  process.nextTick(() => console.log('nextTick set by a timeout'));
}, 0);

console.log('main: end');
