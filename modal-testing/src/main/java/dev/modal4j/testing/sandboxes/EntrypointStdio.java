package dev.modal4j.testing.sandboxes;

import com.google.protobuf.ByteString;
import dev.modal4j.testing.sandboxes.backend.RunningProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The stdio of a V2 sandbox's entrypoint as the command router serves it (SandboxStdioReadV2,
 * SandboxStdinWriteV2): raw bytes by offset, where a V1 sandbox's output is text entries on the
 * control plane (SandboxGetLogs).
 */
public final class EntrypointStdio {
  /** How many bytes of each output stream are kept for readers. */
  static final long CAPACITY = 8L * 1024 * 1024;

  private final EntrypointOutput stdout = new EntrypointOutput(CAPACITY);
  private final EntrypointOutput stderr = new EntrypointOutput(CAPACITY);
  private final EntrypointStdin stdin;

  EntrypointStdio(CompletableFuture<Optional<OutputStream>> stdinTarget, Executor executor) {
    this.stdin = new EntrypointStdin(stdinTarget, executor);
  }

  /** The entrypoint's stdout. */
  public EntrypointOutput stdout() {
    return stdout;
  }

  /** The entrypoint's stderr. */
  public EntrypointOutput stderr() {
    return stderr;
  }

  /** The entrypoint's stdin. */
  public EntrypointStdin stdin() {
    return stdin;
  }

  /**
   * Copies the process's output into the streams, handing the same bytes, as text, to {@code
   * outText} and {@code errText} (the app's log store); completes once both have ended.
   */
  CompletableFuture<Void> pump(
      RunningProcess process,
      Consumer<String> outText,
      Consumer<String> errText,
      Executor executor) {
    return CompletableFuture.allOf(
        CompletableFuture.runAsync(() -> copy(process.stdout(), stdout, outText), executor),
        CompletableFuture.runAsync(() -> copy(process.stderr(), stderr, errText), executor));
  }

  /** Ends both output streams (the sandbox has gone). */
  void close() {
    stdout.close();
    stderr.close();
  }

  private static void copy(InputStream in, EntrypointOutput out, Consumer<String> text) {
    byte[] buffer = new byte[64 * 1024];
    TextDecoder decoder = new TextDecoder(text);
    try (in) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (n > 0) {
          ByteString bytes = ByteString.copyFrom(buffer, 0, n);
          out.append(bytes);
          decoder.accept(bytes);
        }
      }
      decoder.finish();
    } catch (IOException e) {
      // the process or its sandbox went away: the output ends here
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      out.close();
    }
  }
}
