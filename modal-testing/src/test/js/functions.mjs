// Issue 3: functions of the demo app called from the JS SDK: remote, spawn, FunctionCall.fromId/get/cancel,
// large payloads through blobs, the input plane and remote errors.
import { randomBytes } from "node:crypto";
import { InvalidError, RemoteError, TimeoutError } from "modal";
import {
  APP,
  assert,
  assertEqual,
  check,
  connect,
  expectRejection,
  finish,
} from "./lib/harness.mjs";

const MIB = 1024 * 1024;
const { modal, log } = connect();
const fn = (name) => modal.functions.fromName(APP, name);

await check("remote with positional args: square(7)", async () => {
  assertEqual(await (await fn("square")).remote([7]), 49, "square(7)");
});

await check("remote with kwargs and mixed args: add", async () => {
  const add = await fn("add");
  assertEqual(await add.remote([], { a: 2, b: 3 }), 5, "add(a=2, b=3)");
  assertEqual(await add.remote([40], { b: 2 }), 42, "add(40, b=2)");
  assertEqual(await add.remote(["ab", "cd"]), "abcd", 'add("ab", "cd")');
});

await check("remote echo keeps CBOR values intact", async () => {
  const value = {
    text: "héllo ✓ 日本",
    int: 42,
    negative: -7,
    big: 2 ** 40,
    float: 1.5,
    flag: true,
    nothing: null,
    list: [1, "two", [3.25, false], {}],
    nested: { a: { b: ["c"] } },
    bytes: new Uint8Array([0, 1, 2, 254, 255]),
  };
  assertEqual(await (await fn("echo")).remote([value]), value, "echo(value)");
});

await check("integers beyond 64 bits, one way each (bignum tags 2 and 3)", async () => {
  // square reads a tag-3 argument and answers with tag 2; add answers with tag 3 from plain
  // 64-bit arguments. Neither is a round trip, so an off-by-one in either direction shows.
  assertEqual(await (await fn("square")).remote([-(2n ** 70n)]), 2n ** 140n, "square(-2**70)");
  const x = -(2n ** 64n) + 1n;
  assertEqual(await (await fn("add")).remote([x, x]), 2n * x, "add(-2**64+1, -2**64+1)");
});

await check("20 concurrent remote calls each get their own result", async () => {
  const square = await fn("square");
  const inputs = Array.from({ length: 20 }, (_, i) => i + 1);
  const outputs = await Promise.all(inputs.map((x) => square.remote([x])));
  assertEqual(outputs, inputs.map((x) => x * x), "squares");
});

await check("spawn, FunctionCall.fromId, get", async () => {
  const call = await (await fn("square")).spawn([12]);
  assert(call.functionCallId.startsWith("fc-"), `function call id ${call.functionCallId}`);
  const again = await modal.functionCalls.fromId(call.functionCallId);
  assertEqual(await again.get(), 144, "get() through fromId");
  assertEqual(await call.get(), 144, "second get() on the spawned call");
  return call.functionCallId;
});

await check("spawn with a 64 KiB argument (uploaded as a blob) and get", async () => {
  const payload = randomBytes(64 * 1024);
  const mark = log.mark();
  const call = await (await fn("echo")).spawn([payload]);
  assert(log.count("BlobCreate", mark) === 1, "the SDK did not upload the argument as a blob");
  assertEqual(await call.get(), payload, "echo of 64 KiB");
});

await check("remote echo of a 64K-character text string", async () => {
  const text = "modal4j ✓ ".repeat(64 * 1024 / 10);
  assertEqual(await (await fn("echo")).remote([text]), text, "echo of a long string");
});

await check("get with timeoutMs on a running call, then cancel it", async () => {
  const call = await (await fn("sleep")).spawn([30]);
  const byId = await modal.functionCalls.fromId(call.functionCallId);
  const waitStarted = Date.now();
  await expectRejection(byId.get({ timeoutMs: 500 }), TimeoutError, "get({ timeoutMs: 500 })");
  const waited = Date.now() - waitStarted;
  assert(waited >= 450 && waited < 5000, `get(timeoutMs: 500) returned after ${waited} ms`);
  await byId.cancel();
  const cancelStarted = Date.now();
  const err = await expectRejection(
    call.get({ timeoutMs: 10000 }),
    RemoteError,
    "get() after cancel",
  );
  return `cancelled call ended in ${Date.now() - cancelStarted} ms: ${err.message}`;
});

await check("5 MiB argument and result through blobs", async () => {
  const payload = randomBytes(5 * MIB);
  const mark = log.mark();
  const result = await (await fn("echo")).remote([payload]);
  assert(result instanceof Uint8Array, `result is not bytes: ${typeof result}`);
  assert(result.length === payload.length, `result has ${result.length} bytes`);
  assert(Buffer.compare(Buffer.from(result), payload) === 0, "result bytes differ");
  assert(log.count("BlobCreate", mark) === 1, "the argument was not uploaded with BlobCreate");
  assert(log.count("BlobGet", mark) === 1, "the result did not come back as a blob (no BlobGet)");
});

await check("input plane: square_ip(9) over AttemptStart/AttemptAwait", async () => {
  const squareIp = await fn("square_ip");
  const mark = log.mark();
  assertEqual(await squareIp.remote([9]), 81, "square_ip(9)");
  const methods = log.methodsSince(mark);
  assert(methods.includes("AttemptStart"), `no AttemptStart: ${methods.join(", ")}`);
  assert(methods.includes("AttemptAwait"), `no AttemptAwait: ${methods.join(", ")}`);
  assert(!methods.includes("FunctionMap"), `the call went to the control plane: ${methods.join(", ")}`);
  return methods.join(", ");
});

await check("remote error: fail raises ValueError", async () => {
  const err = await expectRejection((await fn("fail")).remote(["boom"]), RemoteError, "fail(boom)");
  assert(err.message.includes("ValueError"), `message does not name ValueError: ${err.message}`);
  assert(err.message.includes("boom"), `message does not carry the text: ${err.message}`);
  return err.message;
});

await check("web endpoint: has a URL and refuses remote", async () => {
  const web = await fn("web");
  const url = await web.getWebUrl();
  assert(typeof url === "string" && /^https?:\/\//.test(url), `web URL: ${url}`);
  await expectRejection(web.remote([]), InvalidError, "web.remote()");
  return url;
});

finish("functions");
