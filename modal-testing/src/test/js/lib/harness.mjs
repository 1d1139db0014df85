// Shared helpers for the interop scripts: a Modal JS client that records the RPCs it sends,
// named checks that print one PASS or FAIL line each, and an exit code for the whole script.
import { ModalClient } from "modal";
import { isDeepStrictEqual } from "node:util";

export const APP = "modal4j-demo";

const CHECK_TIMEOUT_MS = Number(process.env.INTEROP_CHECK_TIMEOUT_MS ?? 20000);

const results = [];

/** Every RPC the client started, in order, by method name; unary responses are kept too. */
export class CallLog {
  calls = [];

  middleware() {
    const log = this;
    return async function* record(call, options) {
      const entry = { method: call.method.path.split("/").pop() };
      log.calls.push(entry);
      const response = yield* call.next(call.request, options);
      entry.response = response;
      return response;
    };
  }

  mark() {
    return this.calls.length;
  }

  methodsSince(mark) {
    return this.calls.slice(mark).map((c) => c.method);
  }

  count(method, since = 0) {
    return this.methodsSince(since).filter((m) => m === method).length;
  }
}

/** A logger for the SDK that keeps its warnings and errors, so checks can assert on them. */
export class CapturingLogger {
  warnings = [];
  errors = [];
  debug() {}
  info() {}
  warn(message) {
    this.warnings.push(message);
  }
  error(message) {
    this.errors.push(message);
  }
}

/** Creates a client for MODAL_SERVER_URL with a call log and a capturing logger. */
export function connect() {
  if (!process.env.MODAL_SERVER_URL) {
    console.log("FAIL setup: MODAL_SERVER_URL is not set");
    process.exit(2);
  }
  const log = new CallLog();
  const logger = new CapturingLogger();
  const modal = new ModalClient({
    grpcMiddleware: [log.middleware()],
    logger,
    logLevel: "warn",
  });
  return { modal, log, logger };
}

/** Runs one named check; prints PASS (with an optional detail string it returns) or FAIL. */
export async function check(name, body) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
      CHECK_TIMEOUT_MS,
    );
  });
  const started = Date.now();
  try {
    const detail = await Promise.race([body(), timeout]);
    const ms = Date.now() - started;
    console.log(`PASS ${name}${detail ? `: ${detail}` : ""} (${ms} ms)`);
    results.push(true);
  } catch (err) {
    console.log(`FAIL ${name}: ${describe(err)}`);
    results.push(false);
  } finally {
    clearTimeout(timer);
  }
}

/** Prints a summary and exits: 0 only when every check passed. */
export function finish(script) {
  const failed = results.filter((ok) => !ok).length;
  console.log(`${script}: ${results.length - failed} passed, ${failed} failed`);
  // The SDK's close() leaves its gRPC channels open, so end the process explicitly.
  process.exit(failed === 0 && results.length > 0 ? 0 : 1);
}

export function assert(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

export function assertEqual(actual, expected, what) {
  if (!isDeepStrictEqual(normalize(actual), normalize(expected))) {
    throw new Error(`${what}: expected ${show(expected)} but got ${show(actual)}`);
  }
}

/** Awaits a promise that must reject with an instance of errorClass; returns the error. */
export async function expectRejection(promise, errorClass, what) {
  let value;
  try {
    value = await promise;
  } catch (err) {
    if (errorClass && !(err instanceof errorClass)) {
      throw new Error(`${what}: expected ${errorClass.name} but got ${describe(err)}`);
    }
    return err;
  }
  throw new Error(`${what}: expected ${errorClass ? errorClass.name : "an error"} but got ${show(value)}`);
}

/** Byte strings decode as Buffer or Uint8Array depending on the path: compare them as bytes. */
function normalize(value) {
  if (value instanceof Uint8Array) {
    return { bytes: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("hex") };
  }
  if (Array.isArray(value)) {
    return value.map(normalize);
  }
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalize(v)]));
  }
  return value;
}

function show(value) {
  if (value instanceof Uint8Array) {
    return `<${value.length} bytes>`;
  }
  const text = JSON.stringify(value, (_, v) => (typeof v === "bigint" ? `${v}n` : v));
  return text === undefined ? String(value) : text.length > 300 ? `${text.slice(0, 300)}...` : text;
}

function describe(err) {
  if (!(err instanceof Error)) {
    return show(err);
  }
  const code = err.code !== undefined ? ` [grpc code ${err.code}]` : "";
  return `${err.name}${code}: ${err.message}`;
}
