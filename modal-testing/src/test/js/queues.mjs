// Issue 12: Modal Queues from the JS SDK, and values shared with Java through pickles.
// JsInteropIT fills the named queue "interop-java-to-js" before this script runs and reads
// "interop-js-to-java" after it.
import { NotFoundError, QueueEmptyError } from "modal";
import { assert, assertEqual, check, connect, expectRejection, finish } from "./lib/harness.mjs";

const { modal } = connect();

await check("ephemeral queue: put, putMany, len, get, getMany", async () => {
  const q = await modal.queues.ephemeral();
  try {
    await q.put(1);
    await q.putMany([2, "three", { four: [4] }]);
    assertEqual(await q.len(), 4, "len after puts");
    assertEqual(await q.get(), 1, "get");
    assertEqual(await q.getMany(3), [2, "three", { four: [4] }], "getMany(3)");
    assertEqual(await q.len(), 0, "len after gets");
  } finally {
    q.closeEphemeral();
  }
});

await check("empty get with timeoutMs rejects with QueueEmptyError", async () => {
  const q = await modal.queues.ephemeral();
  try {
    const started = Date.now();
    await expectRejection(q.get({ timeoutMs: 500 }), QueueEmptyError, "get on an empty queue");
    const took = Date.now() - started;
    assert(took >= 450, `gave up after ${took} ms, before the timeout`);
    return `${took} ms`;
  } finally {
    q.closeEphemeral();
  }
});

await check("named queue with partitions, len, clear and delete", async () => {
  const name = "interop-js-partitions";
  const q = await modal.queues.fromName(name, { createIfMissing: true });
  await q.put("default");
  await q.putMany(["a1", "a2"], { partition: "a" });
  await q.put("b1", { partition: "b", partitionTtlMs: 60_000 });
  assertEqual(await q.len(), 1, "len of the default partition");
  assertEqual(await q.len({ partition: "a" }), 2, "len of partition a");
  assertEqual(await q.len({ total: true }), 4, "total len");
  assertEqual(await q.get({ partition: "b", timeoutMs: 5000 }), "b1", "get from partition b");
  await q.clear({ partition: "a" });
  assertEqual(await q.len({ total: true }), 1, "total len after clearing a");
  const again = await modal.queues.fromName(name);
  assertEqual(again.queueId, q.queueId, "the same queue by name");
  await modal.queues.delete(name);
  await expectRejection(modal.queues.fromName(name), NotFoundError, "fromName after delete");
});

await check("iterate reads without removing", async () => {
  const q = await modal.queues.ephemeral();
  try {
    await q.putMany(["x", "y", "z"]);
    const seen = [];
    for await (const v of q.iterate()) {
      seen.push(v);
    }
    assertEqual(seen, ["x", "y", "z"], "iterated values");
    assertEqual(await q.len(), 3, "len after iterate");
  } finally {
    q.closeEphemeral();
  }
});

const fromJava = await modal.queues.fromName("interop-java-to-js");

await check("reads the values Java put, with the same meaning", async () => {
  const expected = [
    40000,
    -7,
    2147483647,
    1.5,
    -0.25,
    1e300,
    "h\u00e9llo w\u00f6rld \u2713 \u65e5\u672c \ud83d\ude00",
    new Uint8Array([0, 1, 255]),
    [1, [2, [3, "four"]]],
    { a: [1, { b: null }], "\u00fc": true, n: false },
  ];
  const got = await fromJava.getMany(expected.length, { partition: "readable", timeoutMs: 5000 });
  assertEqual(got.length, expected.length, "how many values");
  for (let i = 0; i < expected.length; i++) {
    assertEqual(got[i], expected[i], `value ${i}`);
  }
  return `${got.length} values`;
});

await check("JS 0.11.1 cannot read Java's 2^40, 2^70 or tuples (no LONG1/TUPLE opcodes)", async () => {
  const refused = [];
  for (const what of ["2^40", "2^70", "tuple (1, 'x')"]) {
    const err = await expectRejection(
      fromJava.get({ partition: "unreadable", timeoutMs: 5000 }),
      undefined,
      what,
    );
    assert(/unsupported opcode/.test(err.message), `${what}: ${err.message}`);
    refused.push(what);
  }
  return `refused ${refused.join(", ")}`;
});

await check("puts values for Java to read", async () => {
  const q = await modal.queues.fromName("interop-js-to-java", { createIfMissing: true });
  await q.putMany([
    40000,
    -7,
    2147483647,
    1.5,
    "gr\u00fc\u00dfe \u4e16\u754c \ud83d\ude80",
    new Uint8Array([9, 8, 7]),
    [1, [2, ["x"]]],
    { k: [1, 2], nested: { z: null } },
    true,
    null,
  ]);
  assertEqual(await q.len(), 10, "len");
});

finish("queues");
