package dev.modal4j.testing.functions;

import dev.modal4j.testing.functions.internal.HandlerOutput;
import java.io.PrintStream;

/**
 * What an emulated function's handler prints, as Modal keeps a Python function's {@code print}:
 * each line written to {@link #stdout()} or {@link #stderr()} from the handler's thread becomes a
 * log entry of the running input, its call and its function, with a timestamp, served by
 * AppFetchLogs, AppCountLogs and AppGetLogs.
 *
 * <pre>{@code
 * app.function("hello", (args, kwargs) -> {
 *   FunctionOutput.stdout().println("hello from the handler");
 *   return null;
 * });
 * }</pre>
 *
 * <p>Output written from another thread, or outside a handler, is discarded.
 */
public final class FunctionOutput {
  private FunctionOutput() {}

  /** The running handler's stdout. */
  public static PrintStream stdout() {
    return HandlerOutput.stdout();
  }

  /** The running handler's stderr. */
  public static PrintStream stderr() {
    return HandlerOutput.stderr();
  }
}
