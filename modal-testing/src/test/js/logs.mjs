// Issues 10 and 13: logs through Modal's JS SDK 0.11.1 against the standalone emulator: a
// log_lines call's logs fetched, tailed and streamed, a function's logs by source, and a
// sandbox entrypoint's logs fetched and tailed (AppCountLogs, AppFetchLogs, AppGetLogs,
// FunctionCallGetInfo).
import { APP, assert, assertEqual, check, connect, finish } from "./lib/harness.mjs";

const { modal, log } = connect();
const logLines = await modal.functions.fromName(APP, "log_lines");

async function collect(iterable) {
  const out = [];
  for await (const entry of iterable) {
    out.push(entry);
  }
  return out;
}

const messages = (entries) => entries.map((e) => e.message);

await check("log_lines(3) call: logs fetched from the call's creation", async () => {
  const call = await logLines.spawn([3]);
  assertEqual(await call.get(), 3, "log_lines(3)");
  const mark = log.mark();
  const entries = await collect(call.logs.fetch());
  assertEqual(messages(entries), ["line 1\n", "line 2\n", "line 3\n"], "messages");
  for (const e of entries) {
    assertEqual(e.source, "stdout", "source");
    assertEqual(e.objectId, call.functionCallId, "objectId");
    assert(e.timestamp instanceof Date && Math.abs(Date.now() - e.timestamp) < 60_000, "timestamp");
    assert(e.contextIds.length === 2 && e.contextIds[0].startsWith("in-"), `contextIds ${e.contextIds}`);
  }
  const rpcs = log.methodsSince(mark);
  assert(rpcs.includes("FunctionCallGetInfo"), `RPCs ${rpcs}`);
  assert(rpcs.includes("AppCountLogs") && rpcs.includes("AppFetchLogs"), `RPCs ${rpcs}`);
  return rpcs.join(",");
});

await check("tail of a call: the most recent entries in order", async () => {
  const call = await logLines.spawn([4]);
  await call.get();
  assertEqual(messages(await collect(call.logs.tail({ entries: 2 }))), ["line 3\n", "line 4\n"], "tail 2");
});

await check("function logs since a time, stdout only, context ids name the call", async () => {
  const since = new Date(Date.now() - 1000);
  const call = await logLines.spawn([2]);
  await call.get();
  const entries = await collect(logLines.logs.fetch({ since, source: "stdout" }));
  const mine = entries.filter((e) => e.contextIds[0] === call.functionCallId);
  assertEqual(messages(mine), ["line 1\n", "line 2\n"], "this call's entries");
  assert(entries.every((e) => e.objectId === logLines.functionId), "objectId is the function");
  const none = await collect(logLines.logs.fetch({ since, source: "stderr" }));
  assertEqual(none.length, 0, "stderr entries");
});

await check("call stream follows a slow call and ends when it finishes", async () => {
  const call = await logLines.spawn([3], { delay: 0.3 });
  const mark = log.mark();
  const entries = await collect(call.logs.stream());
  assertEqual(messages(entries), ["line 1\n", "line 2\n", "line 3\n"], "streamed");
  assert(log.count("AppGetLogs", mark) >= 1, "AppGetLogs called");
});

await check("sandbox entrypoint logs fetched and tailed", async () => {
  const app = await modal.apps.fromName("modal4j-interop-logs", { createIfMissing: true });
  const image = modal.images.fromRegistry("alpine:3.21");
  const since = new Date(Date.now() - 1000);
  const sb = await modal.sandboxes.create(app, image, {
    command: ["sh", "-c", "echo alpha; echo beta >&2; echo gamma"],
  });
  try {
    assertEqual(await sb.wait(), 0, "exit code");
    const entries = await collect(sb.logs.fetch({ since }));
    const out = entries.filter((e) => e.source === "stdout").map((e) => e.message).join("");
    assertEqual(out, "alpha\ngamma\n", "stdout");
    const err = entries.filter((e) => e.source === "stderr").map((e) => e.message).join("");
    assertEqual(err, "beta\n", "stderr");
    assert(entries.every((e) => e.objectId === sb.sandboxId), "objectId is the sandbox");
    assert(entries[0].contextIds.length === 1 && entries[0].contextIds[0].startsWith("ta-"), "task id");
    const tailed = await collect(sb.logs.tail({ entries: 10, source: "stdout" }));
    assertEqual(tailed.map((e) => e.message).join(""), "alpha\ngamma\n", "tail");
  } finally {
    await sb.terminate();
  }
});

finish("logs");
