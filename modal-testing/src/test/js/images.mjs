// Issue 11: images through Modal's JS SDK 0.11.1 against the standalone emulator (docker backend):
// layers built for real at build time, fromId, dockerfile layers read in a sandbox, a failing RUN,
// publish and fromName, delete. Registry tags resolve to the emulator's local base image.
import { NotFoundError } from "modal";
import { assert, assertEqual, check, connect, expectRejection, finish } from "./lib/harness.mjs";

const { modal, log } = connect();
const app = await modal.apps.fromName("modal4j-interop-images", { createIfMissing: true });
const marker = `m${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}`;

await check("build and fromId: the built layer has an im- id that fromId finds", async () => {
  const image = await modal.images
    .fromRegistry("alpine:3.21")
    .dockerfileCommands([`RUN echo ${marker} > /root/built.txt`])
    .build(app);
  assert(/^im-/.test(image.imageId), `image id ${image.imageId}`);
  const again = await modal.images.fromId(image.imageId);
  assertEqual(again.imageId, image.imageId, "fromId's image id");
  await expectRejection(modal.images.fromId("im-nonexistent"), NotFoundError, "unknown id");
  const joins = log.count("ImageJoinStreaming");
  assert(joins >= 1, `the build was joined (${joins} ImageJoinStreaming calls)`);
  return image.imageId;
});

await check("dockerfile layers in a sandbox: files from RUN commands read by an exec", async () => {
  const secret = await modal.secrets.fromObject({ SECRET: `s-${marker}` });
  const image = modal.images
    .fromRegistry("alpine:3.21")
    .dockerfileCommands(["RUN echo ${SECRET:-unset} > /root/layer1.txt", "ENV STAGE=one"])
    .dockerfileCommands(["RUN echo ${SECRET:-unset} $STAGE > /root/layer2.txt"], {
      secrets: [secret],
    });
  const sb = await modal.sandboxes.create(app, image);
  try {
    const p = await sb.exec(["cat", "/root/layer1.txt", "/root/layer2.txt"]);
    assertEqual(await p.stdout.readText(), `unset\ns-${marker} one\n`, "the layers' files");
    assertEqual(await p.wait(), 0, "exit code");
  } finally {
    await sb.terminate();
  }
});

await check("a failing RUN rejects the build with its command and log", async () => {
  const image = modal.images
    .fromRegistry("alpine:3.21")
    .dockerfileCommands([`RUN echo failing-${marker} && exit 7`]);
  const err = await expectRejection(image.build(app), Error, "failing build");
  const message = String(err.message);
  assert(message.includes("failed with the exception"), message);
  assert(message.includes(`RUN echo failing-${marker} && exit 7`), message);
  assert(message.includes(`failing-${marker}\n`), message);
});

await check("publish then fromName finds the image; an unpublished name is not found", async () => {
  const image = await modal.images
    .fromRegistry("alpine:3.21")
    .dockerfileCommands([`RUN echo published-${marker} > /p.txt`])
    .build(app);
  await image.publish(`interop-${marker}:v1`);
  const named = await modal.images.fromName(`interop-${marker}:v1`);
  assertEqual(named.imageId, image.imageId, "fromName's image id");
  await expectRejection(modal.images.fromName(`interop-${marker}:v2`), NotFoundError, "v2");
});

await check("delete: the layer is gone, the image it was built on stays", async () => {
  const base = await modal.images.fromRegistry("alpine:3.13").build(app);
  const top = await base.dockerfileCommands([`RUN touch /dummy-${marker}`]).build(app);
  await modal.images.delete(top.imageId);
  await modal.images.fromId(base.imageId);
  await expectRejection(modal.images.fromId(top.imageId), NotFoundError, "deleted image");
  await expectRejection(modal.images.delete("im-nonexistent"), NotFoundError, "unknown id");
});

finish("images");
