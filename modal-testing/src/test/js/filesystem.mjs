// Issue 10: the sandbox filesystem through Modal's JS SDK 0.11.1 against the standalone emulator:
// Modal's SDK execs the emulator's filesystem tool with its JSON commands and reads its answers,
// so every check here is the tool protocol as Modal's SDK speaks it.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash } from "node:crypto";
import {
  InvalidError,
  SandboxFilesystemDirectoryNotEmptyError,
  SandboxFilesystemIsADirectoryError,
  SandboxFilesystemNotADirectoryError,
  SandboxFilesystemNotFoundError,
  SandboxFilesystemPathAlreadyExistsError,
} from "modal";
import { assert, assertEqual, check, connect, expectRejection, finish } from "./lib/harness.mjs";

const { modal } = connect();
const app = await modal.apps.fromName("modal4j-interop-filesystem", { createIfMissing: true });
const image = modal.images.fromRegistry("alpine:3.21");
const sb = await modal.sandboxes.create(app, image, { timeoutMs: 300_000 });
const fs = sb.filesystem;

async function sh(script) {
  const p = await sb.exec(["sh", "-c", script]);
  const [out, code] = await Promise.all([p.stdout.readText(), p.wait()]);
  assertEqual(code, 0, `exit code of ${script}`);
  return out;
}

await check("writeText then readText, and exec sees the file", async () => {
  await fs.writeText("hello from js ☃\n", "/tmp/jsfs/a/b/hello.txt");
  assertEqual(await fs.readText("/tmp/jsfs/a/b/hello.txt"), "hello from js ☃\n", "readText");
  assertEqual(await sh("cat /tmp/jsfs/a/b/hello.txt"), "hello from js ☃\n", "cat");
});

await check("writeBytes then readBytes, byte-exact; a file exec wrote is read", async () => {
  const bytes = new Uint8Array([0, 1, 2, 0xff, 0xfe, 10]);
  await fs.writeBytes(bytes, "/tmp/jsfs/bytes.bin");
  const back = await fs.readBytes("/tmp/jsfs/bytes.bin");
  assertEqual(Buffer.from(back).toString("hex"), "000102fffe0a", "readBytes");
  await sh("printf 'from exec' > /tmp/jsfs/exec.txt");
  assertEqual(await fs.readText("/tmp/jsfs/exec.txt"), "from exec", "readText of exec's file");
});

await check("listFiles sorted, with types, sizes and symlink targets", async () => {
  await fs.makeDirectory("/tmp/jsls/sub/deeper");
  await fs.writeText("zz", "/tmp/jsls/zeta.txt");
  await fs.writeText("a", "/tmp/jsls/alpha.txt");
  await sh("ln -s /tmp/jsls/alpha.txt /tmp/jsls/link");
  const entries = await fs.listFiles("/tmp/jsls");
  assertEqual(entries.map((e) => e.name).join(","), "alpha.txt,link,sub,zeta.txt", "names");
  assertEqual(entries.map((e) => e.type).join(","), "file,symlink,directory,file", "types");
  assertEqual(entries[3].size, 2, "size of zeta.txt");
  assertEqual(entries[1].symlinkTarget, "/tmp/jsls/alpha.txt", "symlink target");
  assertEqual(entries[0].symlinkTarget, null, "no symlink target for a file");
});

await check("stat matches the shell's stat", async () => {
  await sh("chmod 640 /tmp/jsls/zeta.txt");
  const info = await fs.stat("/tmp/jsls/zeta.txt");
  const [perms, owner, group, mtime, rawMode] = (await sh("stat -c '%a %U %G %Y %f' /tmp/jsls/zeta.txt"))
    .trim()
    .split(" ");
  assertEqual(info.permissions, perms.padStart(4, "0"), "permissions");
  assertEqual(info.owner, owner, "owner");
  assertEqual(info.group, group, "group");
  assertEqual(info.mode, parseInt(rawMode, 16), "mode");
  assert(Math.abs(info.modifiedTime - Number(mtime)) <= 1, "modified time");
  assertEqual(info.name, "zeta.txt", "name");
});

await check("remove: a file, an empty directory, recursive; errors typed", async () => {
  await fs.writeText("x", "/tmp/jsrm/dir/file.txt");
  await expectRejection(fs.remove("/tmp/jsrm/dir"), SandboxFilesystemDirectoryNotEmptyError, "remove non-empty");
  await fs.remove("/tmp/jsrm/dir/file.txt");
  await fs.remove("/tmp/jsrm/dir");
  assertEqual((await fs.listFiles("/tmp/jsrm")).length, 0, "entries left");
  await fs.writeText("x", "/tmp/jsrm/tree/a/b.txt");
  await fs.remove("/tmp/jsrm/tree", { recursive: true });
  assertEqual(await sh("test -e /tmp/jsrm/tree && echo yes || echo no"), "no\n", "tree gone");
  await expectRejection(fs.remove("/tmp/jsrm/missing"), SandboxFilesystemNotFoundError, "remove missing");
});

await check("errors: not found, is a directory, not a directory, already exists", async () => {
  await fs.writeText("x", "/tmp/jserr/file");
  await expectRejection(fs.readText("/tmp/jserr/missing"), SandboxFilesystemNotFoundError, "read missing");
  await expectRejection(fs.readBytes("/tmp/jserr"), SandboxFilesystemIsADirectoryError, "read a directory");
  await expectRejection(fs.writeText("x", "/tmp/jserr/file/child"), SandboxFilesystemNotADirectoryError, "write under a file");
  await expectRejection(fs.listFiles("/tmp/jserr/file"), SandboxFilesystemNotADirectoryError, "list a file");
  await expectRejection(
    fs.makeDirectory("/tmp/jserr", { createParents: false }),
    SandboxFilesystemPathAlreadyExistsError,
    "mkdir existing",
  );
  await expectRejection(fs.readText("relative/path"), InvalidError, "relative path");
});

await check("copyFromLocal and copyToLocal of 8 MiB, byte-exact", async () => {
  const dir = await mkdtemp(join(tmpdir(), "modal4j-jsfs-"));
  try {
    const data = Buffer.alloc(8 << 20);
    for (let i = 0; i < data.length; i++) data[i] = (i * 2654435761) >>> 24;
    const digest = createHash("sha256").update(data).digest("hex");
    await writeFile(join(dir, "in.bin"), data);
    await fs.copyFromLocal(join(dir, "in.bin"), "/tmp/jscp/in.bin");
    assertEqual((await sh("sha256sum /tmp/jscp/in.bin")).split(" ")[0], digest, "remote digest");
    await fs.copyToLocal("/tmp/jscp/in.bin", join(dir, "out/back.bin"));
    const back = await readFile(join(dir, "out/back.bin"));
    assertEqual(createHash("sha256").update(back).digest("hex"), digest, "local digest");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

await check("watch sees a file another exec creates", async () => {
  await fs.makeDirectory("/tmp/jswatch");
  const bg = await sb.exec([
    "sh",
    "-c",
    "i=0; while [ $i -lt 30 ]; do touch /tmp/jswatch/f$i; i=$((i+1)); sleep 0.1; done",
  ]);
  const events = [];
  for await (const e of fs.watch("/tmp/jswatch", { timeoutMs: 2000 })) events.push(e);
  await bg.wait();
  assert(
    events.some((e) => e.eventType === "Create" && e.paths[0].startsWith("/tmp/jswatch/f")),
    `a Create event among ${JSON.stringify(events.slice(0, 5))}`,
  );
  return `${events.length} events`;
});

await sb.terminate();
finish("filesystem");
