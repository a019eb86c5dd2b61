// Shared by the Node twins: best of a few runs after a warm-up, printed as the one line the runner reads.
module.exports = async function measure(operations, run, runs = 3) {
  await run(); // warm-up
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const counted = await run();
    const elapsed = counted ?? Number(process.hrtime.bigint() - start);
    best = Math.min(best, elapsed / operations);
  }
  console.log(`ns/op=${best.toFixed(1)}`);
};
