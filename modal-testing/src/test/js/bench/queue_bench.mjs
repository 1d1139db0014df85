// modal-bench's JS peer for queues: N small items through putMany/getMany in batches, with
// Modal's JS SDK 0.11.1. Prints "RESULT items_per_s <rate>". Run by modal-bench's QueueBench.
import { ModalClient } from "modal";

const n = Number(process.argv[2] ?? 100000);
const batch = Number(process.argv[3] ?? 5000);
const modal = new ModalClient({ logLevel: "warn" });

async function roundTrip(count) {
  const q = await modal.queues.ephemeral();
  let seen = 0;
  try {
    for (let start = 0; start < count; start += batch) {
      const size = Math.min(batch, count - start);
      const items = Array.from({ length: size }, (_, i) => start + i);
      await q.putMany(items);
      let got = 0;
      while (got < size) {
        for (const v of await q.getMany(size - got, { timeoutMs: 30000 })) {
          if (v !== seen) throw new Error(`queue item ${seen} came back as ${v}`);
          seen++;
          got++;
        }
      }
    }
  } finally {
    q.closeEphemeral();
  }
  return seen;
}

await roundTrip(batch * 2); // warm-up
const started = process.hrtime.bigint();
const seen = await roundTrip(n);
const secs = Number(process.hrtime.bigint() - started) / 1e9;
if (seen !== n) throw new Error(`saw ${seen} of ${n}`);
console.log(`RESULT items_per_s ${(n / secs).toFixed(1)}`);
process.exit(0);
