package dev.modal4j.logs;

import dev.modal4j.InvalidException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The logs of one function ({@code Function.logs()}), function call ({@code FunctionCall.logs()})
 * or sandbox entrypoint ({@code Sandbox.logs()}), read as Modal's JS SDK reads them.
 *
 * <p>Each stream is lazy: nothing is sent until its first element is asked for, entries come in
 * chronological order, and closing the stream (try-with-resources) cancels the RPCs in flight. Bad
 * arguments are refused with an {@link InvalidException} when the method is called, before anything
 * is sent; failures of Modal are thrown by the stream's terminal operation.
 *
 * <pre>{@code
 * try (Stream<LogEntry> entries = call.logs().fetch()) {
 *   entries.forEach(e -> System.out.print(e.message()));
 * }
 * try (Stream<LogEntry> live = function.logs().stream(
 *     LogsStreamParams.builder().timeout(Duration.ofMinutes(1)).build())) {
 *   live.forEach(e -> System.out.print(e.message()));
 * }
 * }</pre>
 */
public interface Logs {

  /** The id of the object whose logs these are ({@code fu-}, {@code fc-} or {@code sb-}). */
  String objectId();

  /**
   * The entries of a time range, filtered. The range is counted in buckets first, then read in
   * intervals of at most 20,000 entries, up to 10 at a time.
   *
   * @throws InvalidException if {@code params} is null, the range exceeds 35 days or ends before it
   *     starts, or {@code since} is missing for a function or sandbox; thrown by the stream when
   *     the range holds too many entries to fetch (narrow the range or add filters)
   */
  Stream<LogEntry> fetch(LogsFetchParams params);

  /** {@link #fetch(LogsFetchParams)} without filters: a function call's logs since its creation. */
  default Stream<LogEntry> fetch() {
    return fetch(LogsFetchParams.DEFAULT);
  }

  /**
   * The async form of {@link #fetch(LogsFetchParams)}: all entries, collected; cancelling the
   * future cancels the RPCs in flight.
   */
  CompletableFuture<List<LogEntry>> fetchAsync(LogsFetchParams params);

  /**
   * The most recent entries, oldest first: looked for in the last hour, then the last day, 7 days
   * and 30 days, until enough are found.
   *
   * @throws InvalidException if {@code params} is null
   */
  Stream<LogEntry> tail(LogsTailParams params);

  /** The last 100 entries. */
  default Stream<LogEntry> tail() {
    return tail(LogsTailParams.DEFAULT);
  }

  /** The async form of {@link #tail(LogsTailParams)}, collected. */
  CompletableFuture<List<LogEntry>> tailAsync(LogsTailParams params);

  /**
   * New entries as they arrive, followed with AppGetLogs long polls that resume after the last
   * entry seen, reconnecting up to 10 times in a row on transient failures. A function's stream
   * ends when the timeout passes without an entry (never without one); a function call's also ends
   * once every input of the call has finished, after the remaining entries are read. Sandboxes have
   * no log stream (read their {@code stdout()} instead).
   *
   * @throws InvalidException if {@code params} is null, or these are a sandbox's logs
   */
  Stream<LogEntry> stream(LogsStreamParams params);

  /** {@link #stream(LogsStreamParams)} without a timeout. */
  default Stream<LogEntry> stream() {
    return stream(LogsStreamParams.DEFAULT);
  }
}
