// Issue 9: sandboxes through Modal's JS SDK 0.11.1 against the standalone emulator: create, exec
// with streaming stdio, the entrypoint, lifecycle, names, tags, tunnels, readiness probes, and bad
// input refused before any RPC. The image is a registry tag the emulator resolves locally.
import { NotFoundError, Probe } from "modal";
import { assert, assertEqual, check, connect, expectRejection, finish } from "./lib/harness.mjs";

const { modal, log } = connect();
const app = await modal.apps.fromName("modal4j-interop-sandboxes", { createIfMissing: true });
const image = modal.images.fromRegistry("alpine:3.21");
const sb = await modal.sandboxes.create(app, image, { timeoutMs: 300_000 });
const httpPort = 18000 + Math.floor(Math.random() * 2000);

async function withSandbox(params, body) {
  const s = await modal.sandboxes.create(app, image, params);
  try {
    return await body(s);
  } finally {
    await s.terminate();
  }
}

await check("exec echo: stdout and exit code 0", async () => {
  const p = await sb.exec(["echo", "hello from js"]);
  assertEqual(await p.stdout.readText(), "hello from js\n", "stdout");
  assertEqual(await p.wait(), 0, "exit code");
});

await check("stdin to cat, closed for EOF", async () => {
  const p = await sb.exec(["cat"]);
  await p.stdin.writeText("line one\n");
  await p.stdin.writeText("line two\n");
  await p.stdin.close();
  assertEqual(await p.stdout.readText(), "line one\nline two\n", "cat's stdout");
  assertEqual(await p.wait(), 0, "exit code");
});

await check("stderr apart from stdout, and a non-zero exit code", async () => {
  const p = await sb.exec(["sh", "-c", "echo out; echo err >&2; exit 3"]);
  assertEqual(await p.stdout.readText(), "out\n", "stdout");
  assertEqual(await p.stderr.readText(), "err\n", "stderr");
  assertEqual(await p.wait(), 3, "exit code");
});

await check("exec env and workdir", async () => {
  const p = await sb.exec(["sh", "-c", 'echo "$GREETING"; pwd'], {
    env: { GREETING: "bonjour" },
    workdir: "/tmp",
  });
  assertEqual(await p.stdout.readText(), "bonjour\n/tmp\n", "stdout");
  assertEqual(await p.wait(), 0, "exit code");
});

await check("10 MiB of binary stdout, byte-exact", async () => {
  const size = 10 * 1024 * 1024;
  const p = await sb.exec(["head", "-c", String(size), "/dev/zero"], { mode: "binary" });
  const bytes = await p.stdout.readBytes();
  assertEqual(bytes.length, size, "bytes read");
  assert(bytes.every((b) => b === 0), "every byte is zero");
  assertEqual(await p.wait(), 0, "exit code");
  return `${bytes.length} bytes`;
});

await check("PTY exec: stdout is a terminal", async () => {
  const p = await sb.exec(["sh", "-c", "test -t 1 && echo tty || echo notty"], { pty: true });
  const out = await p.stdout.readText();
  assert(out.includes("tty") && !out.includes("notty"), `stdout was ${JSON.stringify(out)}`);
  assertEqual(await p.wait(), 0, "exit code");
});

await check("exec timeout ends a long command", async () => {
  const started = Date.now();
  const p = await sb.exec(["sleep", "30"], { timeoutMs: 1000 });
  let outcome;
  try {
    outcome = `exit ${await p.wait()}`;
  } catch (err) {
    outcome = `${err.constructor.name}`;
  }
  const took = Date.now() - started;
  assert(took < 15_000, `the command ran ${took} ms despite a 1 s timeout`);
  return `${outcome} after ${took} ms`;
});

await check("secrets from an object become the exec's env", async () => {
  const secret = await modal.secrets.fromObject({ INTEROP_SECRET: "s3cr3t" });
  const p = await sb.exec(["sh", "-c", 'echo "$INTEROP_SECRET"'], { secrets: [secret] });
  assertEqual(await p.stdout.readText(), "s3cr3t\n", "stdout");
  assertEqual(await p.wait(), 0, "exit code");
});

await check("entrypoint command: its stdout, env from sandbox secrets, exit code", async () => {
  const secret = await modal.secrets.fromObject({ ENTRY_SECRET: "from-secret" });
  const s = await modal.sandboxes.create(app, image, {
    command: ["sh", "-c", 'echo "entry $ENTRY_SECRET"; exit 7'],
    secrets: [secret],
  });
  assertEqual(await s.stdout.readText(), "entry from-secret\n", "entrypoint stdout");
  assertEqual(await s.wait(), 7, "entrypoint exit code");
});

await check("entrypoint stdin to cat", async () => {
  await withSandbox({ command: ["cat"] }, async (s) => {
    await s.stdin.writeText("to the entrypoint\n");
    await s.stdin.close();
    assertEqual(await s.stdout.readText(), "to the entrypoint\n", "stdout");
    assertEqual(await s.wait(), 0, "exit code");
  });
});

await check("poll while running (null) and after exit (the code)", async () => {
  const s = await modal.sandboxes.create(app, image, { command: ["sh", "-c", "sleep 1; exit 5"] });
  assertEqual(await s.poll(), null, "poll while running");
  assertEqual(await s.wait(), 5, "wait");
  assertEqual(await s.poll(), 5, "poll after exit");
});

await check("terminate: wait gives 137", async () => {
  const s = await modal.sandboxes.create(app, image);
  assertEqual(await s.terminate({ wait: true }), 137, "terminate({wait: true})");
});

await check("fromId gives a handle that execs", async () => {
  const again = await modal.sandboxes.fromId(sb.sandboxId);
  const p = await again.exec(["echo", "same sandbox"]);
  assertEqual(await p.stdout.readText(), "same sandbox\n", "stdout");
  again.detach();
});

await check("named sandbox: fromName finds it; an unknown name is NotFoundError", async () => {
  const name = `interop-${Date.now()}`;
  await withSandbox({ name }, async (s) => {
    const found = await modal.sandboxes.fromName(app.name ?? "modal4j-interop-sandboxes", name);
    assertEqual(found.sandboxId, s.sandboxId, "fromName's id");
    await expectRejection(
      modal.sandboxes.fromName("modal4j-interop-sandboxes", `${name}-missing`),
      NotFoundError,
      "fromName of an unknown name",
    );
  });
});

await check("tags: setTags, getTags, list by tag", async () => {
  const marker = `m${Date.now()}`;
  await withSandbox({}, async (s) => {
    await s.setTags({ run: marker, side: "js" });
    assertEqual(await s.getTags(), { run: marker, side: "js" }, "getTags");
    const ids = [];
    for await (const listed of modal.sandboxes.list({ appId: app.appId, tags: { run: marker } })) {
      ids.push(listed.sandboxId);
    }
    assertEqual(ids, [s.sandboxId], "sandboxes listed with the tag");
  });
});

await check("GPU A100-80GB sandbox is created and runs", async () => {
  await withSandbox({ gpu: "A100-80GB" }, async (s) => {
    const p = await s.exec(["echo", "gpu"]);
    assertEqual(await p.stdout.readText(), "gpu\n", "stdout");
  });
});

await check("unencrypted port: a tunnel an HTTP client on this host reaches", async () => {
  await withSandbox(
    {
      command: ["python3", "-m", "http.server", String(httpPort), "--bind", "0.0.0.0"],
      unencryptedPorts: [httpPort],
      readinessProbe: Probe.withTcp(httpPort),
    },
    async (s) => {
      await s.waitUntilReady(20_000);
      const tunnels = await s.tunnels(20_000);
      const t = tunnels[httpPort];
      assert(t, `no tunnel for port ${httpPort}: ${JSON.stringify(tunnels)}`);
      const [host, port] = t.tcpSocket;
      const res = await fetch(`http://${host}:${port}/`);
      assertEqual(res.status, 200, "HTTP status through the tunnel");
      return `${host}:${port}`;
    },
  );
});

await check("exec readiness probe: waitUntilReady returns once it passes", async () => {
  const marker = `/tmp/modal4j-ready-${process.pid}-${Date.now()}`;
  await withSandbox(
    {
      command: ["sh", "-c", `sleep 1; touch ${marker}; sleep 60`],
      readinessProbe: Probe.withExec(["test", "-e", marker]),
    },
    async (s) => {
      const started = Date.now();
      await s.waitUntilReady(20_000);
      const took = Date.now() - started;
      assert(took >= 500, `ready after ${took} ms, before the marker could exist`);
      return `ready after ${took} ms`;
    },
  );
});

await check("bad input is refused before any RPC", async () => {
  const mark = log.mark();
  // JS 0.11.1 refuses these with a plain Error, not InvalidError (that is for exec's workdir).
  await expectRejection(
    modal.sandboxes.create(app, image, { workdir: "relative/dir" }),
    Error,
    "relative workdir",
  );
  await expectRejection(
    modal.sandboxes.create(app, image, { cpu: 1, cpuLimit: 0.5 }),
    Error,
    "cpu limit below the request",
  );
  // JS 0.11.1 creates V2 sandboxes unless MODAL_SANDBOX_V2=false (or a GPU asks for V1).
  const creates = log.count("SandboxCreate", mark) + log.count("SandboxCreateV2", mark);
  assertEqual(creates, 0, "SandboxCreate and SandboxCreateV2 calls");
});

await check("sandbox version as MODAL_SANDBOX_V2 asks (V2 unless false; a GPU one is V1)", async () => {
  const flag = (process.env.MODAL_SANDBOX_V2 ?? "").toLowerCase();
  const v2 = !["false", "0", "no", "off"].includes(flag);
  const v1Shaped = /^sb-[0-9A-Za-z]{22}$/.test(sb.sandboxId);
  assertEqual(v1Shaped, !v2, `V1-shaped id ${sb.sandboxId}`);
  assert(log.count(v2 ? "SandboxCreateV2" : "SandboxCreate") > 0, "the create RPC of that version");
  assertEqual(log.count("SandboxCreate") > 0, true, "SandboxCreate (V1) for the GPU sandbox");
  return `${v2 ? "V2" : "V1"}: ${sb.sandboxId}`;
});

await sb.terminate();
finish("sandboxes");
