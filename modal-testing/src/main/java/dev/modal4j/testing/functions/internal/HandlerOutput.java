package dev.modal4j.testing.functions.internal;

import dev.modal4j.testing.logs.AppLogs;
import dev.modal4j.testing.logs.LogOrigin;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The stdout and stderr of the handler running on the current thread: each line written (up to and
 * including its newline) becomes one log entry of the input's call; what is left without a newline
 * is written when the handler returns. Outside a handler, output is discarded.
 */
public final class HandlerOutput {
  private static final PrintStream DISCARD =
      new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
  private static final ThreadLocal<Binding> CURRENT = new ThreadLocal<>();

  private HandlerOutput() {}

  /** The current handler's stdout, or a stream that discards. */
  public static PrintStream stdout() {
    Binding b = CURRENT.get();
    return b == null ? DISCARD : b.stdout;
  }

  /** The current handler's stderr, or a stream that discards. */
  public static PrintStream stderr() {
    Binding b = CURRENT.get();
    return b == null ? DISCARD : b.stderr;
  }

  /** The emulated task a function's handlers run in: one per function. */
  public static String taskId(String functionId) {
    return "ta-" + (functionId.startsWith("fu-") ? functionId.substring(3) : functionId);
  }

  /** Binds the current thread's output to input {@code inputId} until the binding is closed. */
  static Binding bind(
      AppLogs logs, String appId, String functionId, String functionCallId, String inputId) {
    LogOrigin origin = LogOrigin.input(functionId, functionCallId, inputId, taskId(functionId));
    Binding b = new Binding(logs, appId, origin, CURRENT.get());
    CURRENT.set(b);
    return b;
  }

  /** The output of one handler run; closing it writes what is pending and unbinds it. */
  static final class Binding implements AutoCloseable {
    final PrintStream stdout;
    final PrintStream stderr;
    private final Binding previous;
    private final Lines out;
    private final Lines err;

    Binding(AppLogs logs, String appId, LogOrigin origin, Binding previous) {
      this.previous = previous;
      this.out = new Lines(logs, appId, origin, 1);
      this.err = new Lines(logs, appId, origin, 2);
      this.stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
      this.stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
      stdout.flush();
      stderr.flush();
      out.emit();
      err.emit();
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }

  /** Collects bytes and hands over complete lines. */
  private static final class Lines extends OutputStream {
    private final AppLogs logs;
    private final String appId;
    private final LogOrigin origin;
    private final int fd;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    Lines(AppLogs logs, String appId, LogOrigin origin, int fd) {
      this.logs = logs;
      this.appId = appId;
      this.origin = origin;
      this.fd = fd;
    }

    @Override
    public synchronized void write(int b) {
      pending.write(b);
      if (b == '\n') {
        emit();
      }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      int start = off;
      for (int i = off; i < off + len; i++) {
        if (b[i] == '\n') {
          pending.write(b, start, i + 1 - start);
          emit();
          start = i + 1;
        }
      }
      pending.write(b, start, off + len - start);
    }

    synchronized void emit() {
      if (pending.size() == 0) {
        return;
      }
      String text = pending.toString(StandardCharsets.UTF_8);
      pending.reset();
      if (logs != null) {
        logs.append(appId, origin, fd, text);
      }
    }
  }
}
