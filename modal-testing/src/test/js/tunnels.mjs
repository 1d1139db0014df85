// Issue 10: tunnels and connect tokens through Modal's JS SDK 0.11.1 against the standalone
// emulator. The emulator's tunnel CA reaches Node as NODE_EXTRA_CA_CERTS (JsInteropIT sets it
// from the file the emulator printed), so fetch trusts the encrypted tunnels like real Modal's.
import { readFileSync } from "node:fs";
import tls from "node:tls";
import { Probe } from "modal";
import { assert, assertEqual, check, connect, finish } from "./lib/harness.mjs";

const { modal } = connect();
const app = await modal.apps.fromName("modal4j-interop-tunnels", { createIfMissing: true });
const image = modal.images.fromRegistry("alpine:3.21");
const base = 20000 + Math.floor(Math.random() * 2000) * 3;
const caFile = process.env.NODE_EXTRA_CA_CERTS;

// an HTTP server that answers with the headers the connect-token proxy sets
const ECHO = [
  "import http.server, sys",
  "class H(http.server.BaseHTTPRequestHandler):",
  "    def do_GET(self):",
  "        body = ('meta=%s auth=%s' % (self.headers.get('X-Verified-User-Data'),",
  "            self.headers.get('Authorization'))).encode()",
  "        self.send_response(200)",
  "        self.send_header('Content-Length', str(len(body)))",
  "        self.end_headers()",
  "        self.wfile.write(body)",
  "http.server.HTTPServer(('0.0.0.0', int(sys.argv[1])), H).serve_forever()",
].join("\n");

async function withSandbox(params, body) {
  const s = await modal.sandboxes.create(app, image, params);
  try {
    return await body(s);
  } finally {
    await s.terminate();
  }
}

await check("encrypted port: its https URL fetched trusting the emulator's CA", async () => {
  assert(caFile, "NODE_EXTRA_CA_CERTS is not set");
  const port = base;
  await withSandbox(
    {
      command: ["python3", "-m", "http.server", String(port), "--bind", "0.0.0.0"],
      encryptedPorts: [port],
      readinessProbe: Probe.withTcp(port),
    },
    async (s) => {
      await s.waitUntilReady(20_000);
      const t = (await s.tunnels(20_000))[port];
      assert(t, `no tunnel for port ${port}`);
      assert(t.url.startsWith("https://"), `url ${t.url}`);
      const res = await fetch(t.url + "/");
      assertEqual(res.status, 200, "HTTP status through the TLS tunnel");
      assert((await res.text()).includes("Directory listing"), "http.server's listing");
      return t.url;
    },
  );
});

await check("h2 port: the TLS endpoint negotiates ALPN h2", async () => {
  const port = base + 1;
  await withSandbox(
    {
      command: ["python3", "-m", "http.server", String(port), "--bind", "0.0.0.0"],
      h2Ports: [port],
      readinessProbe: Probe.withTcp(port),
    },
    async (s) => {
      await s.waitUntilReady(20_000);
      const t = (await s.tunnels(20_000))[port];
      const [host, tlsPort] = t.tlsSocket;
      const protocol = await new Promise((resolve, reject) => {
        const socket = tls.connect(
          { host, port: tlsPort, ALPNProtocols: ["h2"], ca: readFileSync(caFile) },
          () => {
            const p = socket.alpnProtocol;
            socket.end();
            resolve(p);
          },
        );
        socket.on("error", reject);
      });
      assertEqual(protocol, "h2", "ALPN protocol");
    },
  );
});

await check("connect token: accepted, metadata forwarded; a bad or missing token refused", async () => {
  const port = base + 2;
  await withSandbox(
    {
      command: ["python3", "-c", ECHO, String(port)],
      readinessProbe: Probe.withTcp(port),
    },
    async (s) => {
      await s.waitUntilReady(20_000);
      const creds = await s.createConnectToken({ userMetadata: "abc", port });
      assert(creds.token && creds.url, "url and token");
      const ok = await fetch(creds.url + "/", { headers: { Authorization: `Bearer ${creds.token}` } });
      assertEqual(ok.status, 200, "with the token");
      assertEqual(await ok.text(), "meta=abc auth=None", "what the server saw");
      const bad = await fetch(creds.url + "/", { headers: { Authorization: "Bearer nope" } });
      assertEqual(bad.status, 403, "with a bad token");
      const none = await fetch(creds.url + "/");
      assertEqual(none.status, 401, "without a token");
      return creds.url;
    },
  );
});

finish("tunnels");
