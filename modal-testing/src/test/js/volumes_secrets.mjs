// Issue 11: volumes and secrets through Modal's JS SDK 0.11.1 against the standalone emulator. A
// named volume mounted by two sandboxes: what one writes and commits (reloadVolumes) the other
// reads after its own reload, and a read-only mount of it refuses writes; a deleted volume is
// gone for fromName. Secrets that do not exist, or lack a required key, are NotFoundError naming
// what is missing.
import { NotFoundError } from "modal";
import { assert, assertEqual, check, connect, expectRejection, finish } from "./lib/harness.mjs";

const { modal, log } = connect();
const app = await modal.apps.fromName("modal4j-interop-volumes", { createIfMissing: true });
const image = modal.images.fromRegistry("alpine:3.21");
const volumeName = `interop-shared-${Date.now()}`;

async function run(sb, command) {
  const p = await sb.exec(["sh", "-c", command]);
  const [out, err] = await Promise.all([p.stdout.readText(), p.stderr.readText()]);
  return { out, err, code: await p.wait() };
}

await check("a volume shared by two sandboxes: one writes, the other reads; read-only refuses writes", async () => {
  const volume = await modal.volumes.fromName(volumeName, { createIfMissing: true });
  assert(volume.volumeId.startsWith("vo-"), `volume id ${volume.volumeId}`);
  const writer = await modal.sandboxes.create(app, image, {
    command: ["sleep", "300"],
    volumes: { "/data": volume },
  });
  const reader = await modal.sandboxes.create(app, image, {
    command: ["sleep", "300"],
    volumes: { "/shared": volume.withMountOptions({ readOnly: true }) },
  });
  try {
    const wrote = await run(writer, "mkdir -p /data/dir && echo 'written by the first' > /data/dir/note.txt");
    assertEqual(wrote.code, 0, `writer exit code (stderr: ${wrote.err})`);
    // as on Modal, each sandbox has its own view: a write reaches the volume when the writer
    // commits it (reloadVolumes), and the reader sees it after its own reload
    const unseen = await run(reader, "test -e /shared/dir/note.txt && echo present || echo absent");
    assertEqual(unseen.out, "absent\n", "the reader before any reload");
    await writer.reloadVolumes();
    const stale = await run(reader, "test -e /shared/dir/note.txt && echo present || echo absent");
    assertEqual(stale.out, "absent\n", "the reader before its own reload");
    await reader.reloadVolumes();
    const read = await run(reader, "cat /shared/dir/note.txt");
    assertEqual(read.out, "written by the first\n", "what the second sandbox reads");
    const refused = await run(reader, "echo nope > /shared/refused.txt");
    assert(refused.code !== 0, "a write through the read-only mount succeeded");
    await reader.reloadVolumes();
    await writer.reloadVolumes();
    const absent = await run(writer, "test -e /data/refused.txt && echo present || echo absent");
    assertEqual(absent.out, "absent\n", "the refused file in the volume");
  } finally {
    await writer.terminate();
    await reader.terminate();
  }
  return `${volume.volumeId}, write refused read-only`;
});

await check("the volume deleted: fromName fails, and a new one of the name starts empty", async () => {
  const before = await modal.volumes.fromName(volumeName);
  const mark = log.mark();
  await modal.volumes.delete(volumeName);
  assert(log.count("VolumeDelete", mark) === 1, `VolumeDelete calls: ${log.methodsSince(mark)}`);
  const err = await expectRejection(modal.volumes.fromName(volumeName), NotFoundError, "fromName after delete");
  assert(String(err.message).includes(volumeName), `message names the volume: ${err.message}`);
  await modal.volumes.delete(volumeName, { allowMissing: true });
  const again = await modal.volumes.fromName(volumeName, { createIfMissing: true });
  assert(again.volumeId !== before.volumeId, "the recreated volume has a new id");
  const sb = await modal.sandboxes.create(app, image, { command: ["sleep", "300"], volumes: { "/v": again } });
  try {
    const listing = await run(sb, "ls -A /v | wc -l");
    assertEqual(listing.out.trim(), "0", "entries in the recreated volume");
  } finally {
    await sb.terminate();
  }
  await modal.volumes.delete(volumeName);
});

await check("a secret not found, and one missing a required key, are NotFoundError", async () => {
  const missing = `interop-no-such-secret-${Date.now()}`;
  const err = await expectRejection(modal.secrets.fromName(missing), NotFoundError, "unknown secret");
  assert(String(err.message).includes(missing), `message names the secret: ${err.message}`);
  const keyErr = await expectRejection(
    modal.secrets.fromName("libmodal-test-secret", { environment: "libmodal", requiredKeys: ["a", "zzz"] }),
    NotFoundError,
    "missing required key",
  );
  assert(/missing key.*zzz/.test(String(keyErr.message)), `message names the key: ${keyErr.message}`);
  await expectRejection(modal.secrets.delete(missing), NotFoundError, "delete of an unknown secret");
  await modal.secrets.delete(missing, { allowMissing: true });
});

await check("a secret made from an object reaches the sandbox without a lookup by name", async () => {
  const secret = await modal.secrets.fromObject({ INTEROP_VALUE: "from-an-object" });
  const sb = await modal.sandboxes.create(app, image, { command: ["sleep", "300"], secrets: [secret] });
  try {
    const out = await run(sb, 'printf "%s" "$INTEROP_VALUE"');
    assertEqual(out.out, "from-an-object", "the variable in the sandbox");
  } finally {
    await sb.terminate();
  }
});

finish("volumes_secrets");
