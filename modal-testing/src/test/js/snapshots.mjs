// Issue 10: filesystem and directory snapshots and image mounts through Modal's JS SDK 0.11.1
// against the standalone emulator: a new sandbox starts from a filesystem snapshot and reads the
// file; a directory snapshot is mounted elsewhere; unmount; bad TTLs and an unbuilt image refused.
import { assert, assertEqual, check, connect, expectRejection, finish } from "./lib/harness.mjs";

const { modal } = connect();
const app = await modal.apps.fromName("modal4j-interop-snapshots", { createIfMissing: true });
const image = modal.images.fromRegistry("alpine:3.21");
const token = Math.random().toString(36).slice(2);

async function run(sb, script) {
  const p = await sb.exec(["sh", "-c", script]);
  const out = await p.stdout.readText();
  const code = await p.wait();
  return { out, code };
}

await check("filesystem snapshot: a new sandbox started from it reads the file", async () => {
  const sb = await modal.sandboxes.create(app, image);
  let snapshot;
  try {
    const w = await run(sb, `mkdir -p /tmp/snapdir && printf '${token}' > /tmp/snap.txt`);
    assertEqual(w.code, 0, "write exit code");
    snapshot = await sb.snapshotFilesystem();
  } finally {
    await sb.terminate();
  }
  assert(/^im-/.test(snapshot.imageId), `image id ${snapshot.imageId}`);
  const sb2 = await modal.sandboxes.create(app, snapshot);
  try {
    const r = await run(sb2, "cat /tmp/snap.txt; test -d /tmp/snapdir");
    assertEqual(r.out, token, "the file in the new sandbox");
    assertEqual(r.code, 0, "the directory is there too");
  } finally {
    await sb2.terminate();
  }
  return snapshot.imageId;
});

await check("directory snapshot mounted elsewhere in another sandbox; unmount removes it", async () => {
  const sb = await modal.sandboxes.create(app, image);
  let dir;
  try {
    await run(sb, "mkdir -p /mnt/data");
    await sb.mountImage("/mnt/data");
    const w = await run(sb, `printf 'dir ${token}' > /mnt/data/d.txt`);
    assertEqual(w.code, 0, "write exit code");
    dir = await sb.snapshotDirectory("/mnt/data", { ttlMs: 3_600_000 });
  } finally {
    await sb.terminate();
  }
  const sb2 = await modal.sandboxes.create(app, image);
  try {
    await run(sb2, "mkdir -p /srv/other");
    await sb2.mountImage("/srv/other", dir);
    const r = await run(sb2, "cat /srv/other/d.txt");
    assertEqual(r.out, `dir ${token}`, "the mounted file");
    await sb2.unmountImage("/srv/other");
    const gone = await run(sb2, "test ! -e /srv/other/d.txt");
    assertEqual(gone.code, 0, "gone after unmount");
  } finally {
    await sb2.terminate();
  }
  return dir.imageId;
});

await check("bad TTLs and an unbuilt image are refused", async () => {
  const sb = await modal.sandboxes.create(app, image);
  try {
    await expectRejection(sb.snapshotFilesystem({ ttlMs: 500 }), Error, "ttlMs 500");
    await expectRejection(sb.snapshotDirectory("/tmp", { ttlMs: 1500 }), Error, "ttlMs 1500");
    await expectRejection(
      sb.mountImage("/tmp", modal.images.fromRegistry("alpine:3.21")),
      Error,
      "unbuilt image",
    );
  } finally {
    await sb.terminate();
  }
});

finish("snapshots");
