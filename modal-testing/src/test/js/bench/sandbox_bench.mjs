// modal-bench's JS peer for sandboxes, with Modal's JS SDK 0.11.1: one sandbox, then
//   rtt N WARM      exec `echo modal4j` N times after WARM warm-up execs; prints p50/p99 in ms
//   bytes SIZE      exec `head -c SIZE /dev/zero` in binary mode, reads stdout to EOF, checks
//                   every byte is zero; prints MB/s
//   fs SIZE         sandbox.filesystem: writeBytes of SIZE bytes, then readBytes, checked;
//                   best of 3 each; prints write and read MB/s
// Run by modal-bench's SandboxBench; the image tag comes from SANDBOX_IMAGE (default alpine:3.21).
import { ModalClient } from "modal";

const [mode, a, b] = process.argv.slice(2);
const modal = new ModalClient({ logLevel: "warn" });
const app = await modal.apps.fromName("modal4j-bench-sandbox", { createIfMissing: true });
const image = modal.images.fromRegistry(process.env.SANDBOX_IMAGE ?? "alpine:3.21");
const sb = await modal.sandboxes.create(app, image, { timeoutMs: 1800 * 1000 });

function percentile(sorted, p) {
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
}

try {
  if (mode === "rtt") {
    const n = Number(a ?? 200);
    const warm = Number(b ?? 50);
    const times = [];
    for (let i = 0; i < warm + n; i++) {
      const t0 = process.hrtime.bigint();
      const p = await sb.exec(["echo", "modal4j"], { stderr: "ignore" });
      const out = await p.stdout.readText();
      const code = await p.wait();
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (out !== "modal4j\n" || code !== 0) throw new Error(`echo gave ${JSON.stringify(out)} ${code}`);
      if (i >= warm) times.push(ms);
    }
    times.sort((x, y) => x - y);
    console.log(`RESULT rtt_p50_ms ${percentile(times, 50).toFixed(3)}`);
    console.log(`RESULT rtt_p99_ms ${percentile(times, 99).toFixed(3)}`);
  } else if (mode === "bytes") {
    const size = Number(a ?? 268435456);
    const t0 = process.hrtime.bigint();
    const p = await sb.exec(["head", "-c", String(size), "/dev/zero"], {
      mode: "binary",
      stderr: "ignore",
    });
    const reader = p.stdout.getReader();
    let n = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (let i = 0; i < value.length; i++) {
        if (value[i] !== 0) throw new Error(`non-zero byte at ${n + i}`);
      }
      n += value.length;
    }
    const code = await p.wait();
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    if (n !== size || code !== 0) throw new Error(`read ${n} of ${size} bytes, exit ${code}`);
    console.log(`RESULT mb_per_s ${(size / 1e6 / secs).toFixed(1)}`);
  } else if (mode === "fs") {
    const size = Number(a ?? 67108864);
    const path = "/tmp/modal4j-bench/js-fs.bin";
    const data = Buffer.alloc(size);
    for (let i = 0; i < size; i++) data[i] = (i * 31 + Math.floor(i / 4096)) & 0xff;
    await sb.filesystem.writeBytes(data.subarray(0, 8 << 20), path); // warm-up
    await sb.filesystem.readBytes(path);
    let writeBest = 0;
    let readBest = 0;
    for (let round = 0; round < 3; round++) {
      let t0 = process.hrtime.bigint();
      await sb.filesystem.writeBytes(data, path);
      writeBest = Math.max(writeBest, size / 1e6 / (Number(process.hrtime.bigint() - t0) / 1e9));
      t0 = process.hrtime.bigint();
      const back = await sb.filesystem.readBytes(path);
      readBest = Math.max(readBest, size / 1e6 / (Number(process.hrtime.bigint() - t0) / 1e9));
      if (back.length !== size || !Buffer.from(back).equals(data)) {
        throw new Error(`read back ${back.length} of ${size} bytes, or different bytes`);
      }
    }
    console.log(`RESULT fs_write_mb_per_s ${writeBest.toFixed(1)}`);
    console.log(`RESULT fs_read_mb_per_s ${readBest.toFixed(1)}`);
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
} finally {
  await sb.terminate();
}
process.exit(0);
