// Shared by the Node twins, measured as the Loopwire side is: runs for at least a second to warm up (V8's tiers
// settle), then the best of ten runs, printed as the one line the runner reads.
module.exports = async function measure(operations, run, runs = 10) {
  const warmUpStart = process.hrtime.bigint();
  do {
    await run();
  } while (process.hrtime.bigint() - warmUpStart < 1_000_000_000n);
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const counted = await run();
    const elapsed = counted ?? Number(process.hrtime.bigint() - start);
    best = Math.min(best, elapsed / operations);
  }
  console.log(`ns/op=${best.toFixed(1)}`);
};
