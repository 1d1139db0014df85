package dev.modal4j.sandboxes;

/** Values of the sandbox types that only the SDK makes, for the reflective sweeps. */
public final class SandboxSamples {
  private SandboxSamples() {}

  /** A tunnel with a TLS and a TCP endpoint. */
  public static Tunnel tunnel() {
    return new Tunnel("127.0.0.1", 443, "127.0.0.1", 8080);
  }

  /** An empty output stream. */
  public static SandboxInputStream emptyStream() {
    return new SandboxInputStream(dev.modal4j.internal.sandbox.ByteSource.empty(), true);
  }

  /** Connect credentials. */
  public static ConnectCredentials credentials() {
    return new ConnectCredentials("https://127.0.0.1", "token");
  }

  /** A handle to a sidecar of {@code sandbox} (no RPC is made). */
  public static SidecarContainer sidecar(Sandbox sandbox) {
    return sandbox.experimentalSidecars().container("ctr-sample", "sample");
  }
}
