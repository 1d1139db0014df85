// Issue 13: the JS SDK 0.11.1's newest lookups and stats against the standalone emulator:
// functions.fromId, app.info() with its functions, fn.stats() counting the calls made here,
// fn.metrics schema and export, environments.fromName(createIfMissing).
import { NotFoundError } from "modal";
import { APP, assert, assertEqual, check, connect, expectRejection, finish } from "./lib/harness.mjs";

const { modal } = connect();

await check("functions.fromId calls the function fromName found", async () => {
  const byName = await modal.functions.fromName(APP, "square");
  const byId = await modal.functions.fromId(byName.functionId);
  assertEqual(byId.functionId, byName.functionId, "function id");
  assertEqual(await byId.remote([12]), 144, "square(12) through fromId");
  await expectRejection(modal.functions.fromId("fu-no-such-4j"), NotFoundError, "functions.fromId");
  return byId.functionId;
});

await check("app.info() lists square and a deployed lifecycle", async () => {
  const app = await modal.apps.fromName(APP);
  const info = await app.info();
  const square = await modal.functions.fromName(APP, "square");
  assertEqual(info.appId, app.appId, "app id");
  assertEqual(info.functions["square"], square.functionId, "functions.square");
  assertEqual(info.lifecycle.state, "deployed", "state");
  assert(info.lifecycle.version >= 1, `version ${info.lifecycle.version}`);
  assert(info.lifecycle.createdAt instanceof Date && info.lifecycle.createdAt.getTime() > 0, "createdAt");
  assert(info.lifecycle.deployedAt instanceof Date, "deployedAt");
  return `${Object.keys(info.functions).length} functions, deployed by ${info.lifecycle.deployedBy}`;
});

await check("stats() counts the calls made here, with failures", async () => {
  const add = await modal.functions.fromName(APP, "add");
  const fail = await modal.functions.fromName(APP, "fail");
  const since = new Date(Date.now() - 1);
  for (let i = 0; i < 4; i++) {
    assertEqual(await add.remote([i, 100]), i + 100, "add");
  }
  for (let i = 0; i < 2; i++) {
    await expectRejection(fail.remote(["no"]), null, "fail.remote");
  }
  const until = new Date(Date.now() + 1);
  const addStats = await add.stats({ since, until });
  assertEqual(addStats.inputSuccessCount, 4, "add successes");
  assertEqual(addStats.inputFailureCount, 0, "add failures");
  const exec = addStats.inputPercentileStats["execution_time"];
  assert(exec && exec.percentiles.some((p) => p.percentile === 50), "no p50 of execution_time");
  const failStats = await fail.stats({ since, until });
  assertEqual(failStats.inputFailureCount, 2, "fail failures");
  assertEqual(failStats.inputSuccessCount, 0, "fail successes");
  const lastHour = await add.stats();
  assert(lastHour.inputSuccessCount >= 4, `last hour: ${lastHour.inputSuccessCount}`);
  return `add ${addStats.inputSuccessCount} ok, fail ${failStats.inputFailureCount} failed, p50 ${exec.percentiles[0].value}s`;
});

await check("metrics schema and export", async () => {
  const add = await modal.functions.fromName(APP, "add");
  const schema = await add.metrics.schema();
  assert(schema["calls"], `no calls group: ${Object.keys(schema)}`);
  const names = schema["calls"].definitions.map((d) => d.name);
  assert(names.includes("successful_calls_count"), `calls series: ${names}`);
  const until = new Date(Date.now() + 120_000);
  const since = new Date(until.getTime() - 60 * 60 * 1000);
  const m = await add.metrics.export({ since, until, bucketSizeSecs: 60, groups: ["calls"] });
  assertEqual(m.bucketSizeSecs, 60, "bucket width");
  const ok = m.series["successful_calls_count"];
  assertEqual(ok.aggregation, "count", "aggregation");
  const total = ok.points.reduce((n, p) => n + (p.value ?? 0), 0);
  assert(total >= 4, `successful calls exported: ${total}`);
  return `${m.pointCount} points, ${total} successful calls`;
});

await check("environments.fromName(createIfMissing)", async () => {
  const name = `js-env-${Date.now()}`;
  await expectRejection(modal.environments.fromName(name), NotFoundError, "environments.fromName");
  const created = await modal.environments.fromName(name, { createIfMissing: true });
  assertEqual(created.name, name, "name");
  assert(created.environmentId.startsWith("en-"), `id ${created.environmentId}`);
  const again = await modal.environments.fromName(name);
  assertEqual(again.environmentId, created.environmentId, "same environment");
  return created.environmentId;
});

finish("observability");
