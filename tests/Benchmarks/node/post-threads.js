// A worker thread posts 1M messages to the main thread: Node's nearest twin of posting to the loop.
const { Worker, isMainThread, parentPort } = require('worker_threads');
const POSTS = 1_000_000;

if (isMainThread) {
  const measure = require('./harness');
  measure(POSTS, () => new Promise((done) => {
    const worker = new Worker(__filename);
    let count = 0;
    let start;
    worker.on('message', (message) => {
      if (message === 'ready') { start = process.hrtime.bigint(); worker.postMessage('go'); return; }
      if (++count === POSTS) {
        const elapsed = Number(process.hrtime.bigint() - start);
        worker.terminate().then(() => done(elapsed));
      }
    });
  }));
} else {
  parentPort.once('message', () => {
    for (let i = 0; i < POSTS; i++) parentPort.postMessage(i);
  });
  parentPort.postMessage('ready');
}
