// The Node twin of Program.cs: primes counted on a worker thread, asked for and answered by messages.
const { Worker, isMainThread, parentPort, workerData } = require('worker_threads');

function countPrimes(limit) {
  const composite = new Uint8Array(limit);
  let count = 0;
  for (let n = 2; n < limit; n++) {
    if (!composite[n]) {
      count++;
      for (let multiple = n * n; multiple < limit; multiple += n) composite[multiple] = 1;
    }
  }
  return count;
}

if (isMainThread) {
  const worker = new Worker(__filename, { workerData: 'sieve' });
  worker.on('online', () => console.log('main: worker online'));
  worker.on('message', (message) => console.log(`main: ${message}`));
  worker.on('exit', (code) => console.log(`main: worker exited with ${code}`));
  for (const limit of [10, 1000, 1000000]) worker.postMessage(limit);
  worker.postMessage('done');
  console.log('main: asked, and free meanwhile');
} else {
  parentPort.on('message', (message) => {
    if (message === 'done') {
      parentPort.close(); // nothing holds the worker's loop now: it exits
      return;
    }

    parentPort.postMessage(`${workerData}: ${countPrimes(message)} primes below ${message}`);
  });
}
