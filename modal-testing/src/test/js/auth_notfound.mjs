// Issue 2: the JS SDK gets its auth token from the standalone emulator and sees proper NOT_FOUND errors.
import { NotFoundError } from "modal";
import {
  APP,
  assert,
  assertEqual,
  check,
  connect,
  expectRejection,
  finish,
} from "./lib/harness.mjs";

const GRPC_NOT_FOUND = 5;
const { modal, log, logger } = connect();

function jwtClaims(token) {
  const parts = token.split(".");
  assert(parts.length === 3, `auth token is not a JWT (${parts.length} dot-separated parts)`);
  return JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
}

await check("fromName resolves a deployed function", async () => {
  const fn = await modal.functions.fromName(APP, "echo");
  assert(typeof fn.functionId === "string" && fn.functionId.length > 0, "empty function id");
  return `echo is ${fn.functionId}`;
});

await check("unknown function: NotFoundError", async () => {
  const err = await expectRejection(
    modal.functions.fromName(APP, "no_such_function"),
    NotFoundError,
    "functions.fromName",
  );
  return err.message;
});

await check("unknown function: gRPC NOT_FOUND naming it", async () => {
  const err = await expectRejection(
    modal.cpClient.functionGet({ appName: APP, objectTag: "no_such_function", environmentName: "" }),
    null,
    "FunctionGet",
  );
  assertEqual(err.code, GRPC_NOT_FOUND, "status code");
  assert(err.details.includes("no_such_function"), `details do not name the function: "${err.details}"`);
  return err.details;
});

await check("unknown app: NotFoundError, gRPC NOT_FOUND naming it", async () => {
  await expectRejection(
    modal.functions.fromName("no-such-app-4j", "echo"),
    NotFoundError,
    "functions.fromName",
  );
  const err = await expectRejection(
    modal.cpClient.functionGet({ appName: "no-such-app-4j", objectTag: "echo", environmentName: "" }),
    null,
    "FunctionGet",
  );
  assertEqual(err.code, GRPC_NOT_FOUND, "status code");
  assert(err.details.includes("no-such-app-4j"), `details do not name the app: "${err.details}"`);
  return err.details;
});

await check("unknown class: NotFoundError", async () => {
  const err = await expectRejection(modal.cls.fromName(APP, "NoSuchCls"), NotFoundError, "cls.fromName");
  return err.message;
});

await check("unknown function call id: gRPC NOT_FOUND", async () => {
  const err = await expectRejection(
    modal.functionCalls.fromId("fc-00000000000000000000000000"),
    null,
    "functionCalls.fromId",
  );
  assertEqual(err.code, GRPC_NOT_FOUND, "status code");
  return err.details;
});

// Runs after the calls above, which all needed the token the SDK fetched lazily before the first.
await check("auth token fetched once: a JWT with a future exp", async () => {
  const fetches = log.calls.filter((c) => c.method === "AuthTokenGet");
  assertEqual(fetches.length, 1, "AuthTokenGet calls");
  assert(log.calls.length >= 3, `only ${log.calls.length} calls were made`);
  const token = fetches[0].response?.token;
  assert(typeof token === "string" && token.length > 0, "AuthTokenGet returned no token");
  const exp = jwtClaims(token).exp;
  const now = Date.now() / 1000;
  assert(typeof exp === "number", "JWT has no numeric exp claim");
  assert(exp > now + 60, `exp is not in the future (${Math.round(exp - now)} s from now)`);
  assert(!logger.warnings.some((w) => /exp/.test(w)), `SDK warned: ${logger.warnings.join("; ")}`);
  return `expires in ${Math.round(exp - now)} s`;
});

finish("auth_notfound");
