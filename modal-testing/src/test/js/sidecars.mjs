// Issue 10: sidecar containers through Modal's JS SDK 0.11.1 against the standalone emulator. A V2
// sandbox's sidecars are created on the control plane (SandboxContainerCreateV2), a V1 sandbox's on
// its command router (TaskContainerCreate); the rest (get, list, wait, terminate, exec) is the
// router's either way.
import {
  AlreadyExistsError,
  InvalidError,
  NotFoundError,
  SandboxFilesystemNotFoundError,
} from "modal";
import { assert, assertEqual, check, connect, expectRejection, finish } from "./lib/harness.mjs";

const { modal, log } = connect();
const app = await modal.apps.fromName("modal4j-interop-sidecars", { createIfMissing: true });
const image = modal.images.fromRegistry("alpine:3.21");
const built = await modal.images.fromRegistry("alpine:3.21").build(app);
const sb = await modal.sandboxes.create(app, image, { command: ["sleep", "600"], timeoutMs: 300_000 });
const v2 = !/^sb-[0-9A-Za-z]{22}$/.test(sb.sandboxId);
const sidecars = sb.experimentalSidecars;
const sleeping = { command: ["sleep", "100"] };

await check("create: a ctr- id and the name, through the create RPC of the sandbox's version", async () => {
  const mark = log.mark();
  const worker = await sidecars.create("worker", built, sleeping);
  assert(worker.containerId.startsWith("ctr-"), `container id ${worker.containerId}`);
  assertEqual(worker.containerName, "worker", "name");
  assertEqual(log.count("SandboxContainerCreateV2", mark), v2 ? 1 : 0, "SandboxContainerCreateV2 calls");
  assertEqual(await worker.poll(), null, "poll while it runs");
  await worker.terminate();
  return `${v2 ? "V2 (control plane)" : "V1 (router)"}: ${worker.containerId}`;
});

await check("exec in the sidecar: its env over its secrets", async () => {
  const secret = await modal.secrets.fromObject({ API_KEY: "secret-value", FROM_SECRET: "s" });
  const c = await sidecars.create("envs", built, {
    ...sleeping,
    env: { API_KEY: "override", PLAIN: "plain" },
    secrets: [secret],
  });
  const p = await c.exec(["sh", "-c", 'printf "%s:%s:%s" "$API_KEY" "$PLAIN" "$FROM_SECRET"']);
  assertEqual(await p.stdout.readText(), "override:plain:s", "stdout");
  assertEqual(await p.wait(), 0, "exit code");
  await c.terminate();
});

await check("the sidecar reaches a server of the main container on localhost", async () => {
  const port = 19000 + Math.floor(Math.random() * 2000);
  await sb.exec([
    "sh",
    "-c",
    `mkdir -p /tmp/www && echo from-main > /tmp/www/hello.txt && cd /tmp/www && exec python3 -m http.server ${port} --bind 127.0.0.1`,
  ]);
  const c = await sidecars.create("client", built, sleeping);
  const fetch = [
    "import time,urllib.request",
    "end=time.time()+15",
    "while True:",
    "  try:",
    `    print(urllib.request.urlopen('http://127.0.0.1:${port}/hello.txt',timeout=2).read().decode(),end='')`,
    "    break",
    "  except Exception:",
    "    if time.time()>end: raise",
    "    time.sleep(0.1)",
  ].join("\n");
  const p = await c.exec(["python3", "-c", fetch]);
  assertEqual(await p.stdout.readText(), "from-main\n", "what the sidecar fetched");
  assertEqual(await p.wait(), 0, "exit code");
  await c.terminate();
});

await check("the sidecar's filesystem is its own", async () => {
  const c = await sidecars.create("files", built, sleeping);
  await c.filesystem.writeText("hi from sidecar", "/tmp/sidecar-hello");
  assertEqual(await c.filesystem.readText("/tmp/sidecar-hello"), "hi from sidecar", "read back");
  await expectRejection(
    sb.filesystem.stat("/tmp/sidecar-hello"),
    SandboxFilesystemNotFoundError,
    "the main container's stat",
  );
  await c.terminate();
});

await check("terminate with wait gives 137; wait and poll agree; listed only with includeTerminated", async () => {
  const c = await sidecars.create("stopme", built, sleeping);
  assertEqual(await c.terminate({ wait: true }), 137, "terminate({ wait: true })");
  assertEqual(await c.wait(), 137, "wait");
  assertEqual(await c.poll(), 137, "poll");
  const running = (await sidecars.list()).map((x) => x.containerName);
  assert(!running.includes("stopme"), `running list ${JSON.stringify(running)}`);
  const all = (await sidecars.list({ includeTerminated: true })).map((x) => x.containerId);
  assert(all.includes(c.containerId), `list with includeTerminated ${JSON.stringify(all)}`);
});

await check("natural exit 42; get finds it only with includeTerminated; the name is free again", async () => {
  const c = await sidecars.create("oneshot", built, { command: ["sh", "-c", "exit 42"] });
  assertEqual(await c.wait(), 42, "wait");
  await expectRejection(sidecars.get("oneshot"), NotFoundError, "get of an ended sidecar");
  const got = await sidecars.get("oneshot", { includeTerminated: true });
  assertEqual(got.containerId, c.containerId, "get with includeTerminated");
  assertEqual(await got.poll(), 42, "its poll");
  const again = await sidecars.create("oneshot", built, sleeping);
  assert(again.containerId !== c.containerId, "a new container for the reused name");
  await again.terminate();
});

await check("a running name is AlreadyExistsError", async () => {
  const c = await sidecars.create("twice", built, sleeping);
  await expectRejection(sidecars.create("twice", built, sleeping), AlreadyExistsError, "second create");
  await c.terminate();
});

await check("bad input is refused before any RPC", async () => {
  const mark = log.mark();
  await expectRejection(sidecars.create("main", built, sleeping), InvalidError, "the name main");
  await expectRejection(sidecars.create("", built, sleeping), InvalidError, "an empty name");
  // A fresh image: sandboxes.create above built (and so hydrated) `image`.
  const unbuilt = modal.images.fromRegistry("alpine:3.21");
  await expectRejection(sidecars.create("w", unbuilt, sleeping), InvalidError, "an unbuilt image");
  await expectRejection(sidecars.get("main"), InvalidError, "get main");
  assertEqual(log.methodsSince(mark), [], "RPCs sent");
});

await sb.terminate();
finish("sidecars");
