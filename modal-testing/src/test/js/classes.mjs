// Issue 5: the Greeter class of the demo app from the JS SDK, with parameters and GPU options.
import { NotFoundError } from "modal";
import { APP, assert, assertEqual, check, connect, finish } from "./lib/harness.mjs";

const GPU = "A100-80GB:2";
const { modal } = connect();
const greeter = () => modal.cls.fromName(APP, "Greeter");

function assertResources(resources, expected) {
  assert(resources && typeof resources === "object", `resources() returned ${JSON.stringify(resources)}`);
  for (const [key, value] of Object.entries(expected)) {
    assertEqual(resources[key], value, `resources().${key}`);
  }
  assert(typeof resources.cpu === "number" && resources.cpu > 0, `resources().cpu is ${resources.cpu}`);
  assert(Number.isInteger(resources.memory_mb) && resources.memory_mb > 0, `resources().memory_mb is ${resources.memory_mb}`);
  return JSON.stringify(resources);
}

await check("Greeter without parameters uses the default greeting", async () => {
  const instance = await (await greeter()).instance();
  assertEqual(await instance.method("greet").remote(["Ada"]), "Hello, Ada!", "greet(Ada)");
});

await check("Greeter(greeting=Bonjour), with args and kwargs", async () => {
  const instance = await (await greeter()).instance({ greeting: "Bonjour" });
  const greet = instance.method("greet");
  assertEqual(await greet.remote(["Ada"]), "Bonjour, Ada!", "greet(Ada)");
  assertEqual(await greet.remote([], { name: "Grace" }), "Bonjour, Grace!", "greet(name=Grace)");
});

await check("two instances with different parameters stay apart", async () => {
  const cls = await greeter();
  const [hi, hey] = await Promise.all([cls.instance({ greeting: "Hi" }), cls.instance({ greeting: "Hey" })]);
  const results = await Promise.all([
    hi.method("greet").remote(["Lin"]),
    hey.method("greet").remote(["Lin"]),
    hi.method("greet").remote(["Bo"]),
  ]);
  assertEqual(results, ["Hi, Lin!", "Hey, Lin!", "Hi, Bo!"], "greetings");
});

await check("default instance reports no GPU", async () => {
  const instance = await (await greeter()).instance();
  return assertResources(await instance.method("resources").remote(), { gpu: null });
});

await check(`withOptions gpu ${GPU}, cpu 2, memory 4096 MiB: resources() reports them`, async () => {
  const cls = (await greeter()).withOptions({ gpu: GPU, cpu: 2, memoryMiB: 4096 });
  const instance = await cls.instance();
  return assertResources(await instance.method("resources").remote(), {
    gpu: GPU,
    cpu: 2,
    memory_mb: 4096,
  });
});

await check("withOptions and a parameter together", async () => {
  const cls = (await greeter()).withOptions({ gpu: GPU, memoryMiB: 1024 });
  const instance = await cls.instance({ greeting: "Hej" });
  assertEqual(await instance.method("greet").remote(["Ada"]), "Hej, Ada!", "greet(Ada)");
  return assertResources(await instance.method("resources").remote(), { gpu: GPU, memory_mb: 1024 });
});

await check("options do not leak into a later plain instance", async () => {
  const instance = await (await greeter()).instance({ greeting: "Hej" });
  return assertResources(await instance.method("resources").remote(), { gpu: null });
});

await check("unknown method: NotFoundError", async () => {
  const instance = await (await greeter()).instance();
  try {
    instance.method("no_such_method");
  } catch (err) {
    assert(err instanceof NotFoundError, `expected NotFoundError but got ${err.name}: ${err.message}`);
    return err.message;
  }
  throw new Error("method(no_such_method) returned a function");
});

finish("classes");
