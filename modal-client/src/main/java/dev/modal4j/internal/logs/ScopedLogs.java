package dev.modal4j.internal.logs;

import dev.modal4j.InvalidException;
import dev.modal4j.ModalException;
import dev.modal4j.NotFoundException;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.CallerFutures;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.rpc.CallPolicy;
import dev.modal4j.logs.LogEntry;
import dev.modal4j.logs.Logs;
import dev.modal4j.logs.LogsFetchParams;
import dev.modal4j.logs.LogsStreamParams;
import dev.modal4j.logs.LogsTailParams;
import dev.modal4j.proto.FunctionCallGetInfoRequest;
import dev.modal4j.proto.FunctionCallInfo;
import dev.modal4j.proto.ModalClientGrpc;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@link Logs} of a function, a function call or a sandbox. The scope may need RPCs to resolve (a
 * sandbox's app and task); they run when the first entry is asked for.
 */
public final class ScopedLogs implements Logs {
  /** The longest range one fetch may cover. */
  public static final Duration MAX_FETCH_RANGE = Duration.ofDays(35);

  private enum Kind {
    FUNCTION,
    CALL,
    SANDBOX
  }

  private final ClientContext context;
  private final Kind kind;
  private final String objectId;
  private final Supplier<CompletableFuture<LogScope>> scope;

  private ScopedLogs(
      ClientContext context,
      Kind kind,
      String objectId,
      Supplier<CompletableFuture<LogScope>> scope) {
    this.context = context;
    this.kind = kind;
    this.objectId = objectId;
    this.scope = scope;
  }

  /** A function's logs. */
  public static Logs function(ClientContext context, String appId, String functionId) {
    LogScope s = LogScope.function(appId, functionId);
    return new ScopedLogs(
        context, Kind.FUNCTION, functionId, () -> CompletableFuture.completedFuture(s));
  }

  /** A function call's logs. */
  public static Logs call(
      ClientContext context, String appId, String functionId, String functionCallId) {
    LogScope s = LogScope.call(appId, functionId, functionCallId);
    return new ScopedLogs(
        context, Kind.CALL, functionCallId, () -> CompletableFuture.completedFuture(s));
  }

  /** A sandbox entrypoint's logs; {@code scope} resolves its app and task when first needed. */
  public static Logs sandbox(
      ClientContext context, String sandboxId, Supplier<CompletableFuture<LogScope>> scope) {
    return new ScopedLogs(context, Kind.SANDBOX, sandboxId, scope);
  }

  @Override
  public String objectId() {
    return objectId;
  }

  @Override
  public Stream<LogEntry> fetch(LogsFetchParams params) {
    return EntryIterator.stream(fetchIterator(params));
  }

  @Override
  public CompletableFuture<List<LogEntry>> fetchAsync(LogsFetchParams params) {
    return collect(fetchIterator(params));
  }

  @Override
  public Stream<LogEntry> tail(LogsTailParams params) {
    return EntryIterator.stream(tailIterator(params));
  }

  @Override
  public CompletableFuture<List<LogEntry>> tailAsync(LogsTailParams params) {
    return collect(tailIterator(params));
  }

  @Override
  public Stream<LogEntry> stream(LogsStreamParams params) {
    Args.notNull(params, "params");
    if (kind == Kind.SANDBOX) {
      throw new InvalidException(
          "Sandbox logs cannot be streamed; read the sandbox's stdout() and stderr() for live output");
    }
    context.checkOpen();
    Supplier<CompletableFuture<Boolean>> stop = kind == Kind.CALL ? this::callFinished : null;
    return EntryIterator.stream(
        new LiveLogs(context, this::resolve, params.timeout().orElse(null), stop));
  }

  private EntryIterator fetchIterator(LogsFetchParams params) {
    Args.notNull(params, "params");
    Instant until = params.until().orElse(null);
    Instant since = params.since().orElse(null);
    if (since == null && kind != Kind.CALL) {
      throw new InvalidException("since is required to fetch the logs of " + objectId);
    }
    if (since != null) {
      checkRange(since, until == null ? Instant.now() : until);
    }
    context.checkOpen();
    LogScope.Filter filter =
        new LogScope.Filter(
            LogEntries.fileDescriptor(params.source().orElse(null)),
            params.searchText().orElse(""));
    Function<InFlight, LogFetch.Target> target =
        inFlight -> {
          LogScope s = resolve(inFlight);
          // without an until, the range ends after the current millisecond, so that entries
          // written earlier in it are not left out of a range that ends at "now"
          long untilMs = until == null ? System.currentTimeMillis() + 1 : ceilMillis(until);
          long sinceMs;
          if (since != null) {
            sinceMs = since.toEpochMilli();
          } else {
            FunctionCallInfo info = Futures.join(inFlight.track(callInfo()));
            sinceMs = Math.round(info.getCreatedAt() * 1000);
            checkRange(Instant.ofEpochMilli(sinceMs), Instant.ofEpochMilli(untilMs));
          }
          return new LogFetch.Target(s, sinceMs, untilMs);
        };
    return new LogFetch(context, target, filter);
  }

  /** An exclusive end at millisecond precision that keeps every entry before {@code until}. */
  private static long ceilMillis(Instant until) {
    return until.toEpochMilli() + (until.getNano() % 1_000_000 == 0 ? 0 : 1);
  }

  private static void checkRange(Instant since, Instant until) {
    if (until.isBefore(since)) {
      throw new InvalidException("until (" + until + ") must not be before since (" + since + ")");
    }
    if (Duration.between(since, until).compareTo(MAX_FETCH_RANGE) > 0) {
      throw new InvalidException(
          "Time range cannot exceed "
              + MAX_FETCH_RANGE.toDays()
              + " days: since "
              + since
              + ", until "
              + until);
    }
  }

  private EntryIterator tailIterator(LogsTailParams params) {
    Args.notNull(params, "params");
    context.checkOpen();
    LogScope.Filter filter =
        new LogScope.Filter(LogEntries.fileDescriptor(params.source().orElse(null)), "");
    return new LogTail(context, this::resolve, filter, params.entries());
  }

  private LogScope resolve(InFlight inFlight) {
    return Futures.join(inFlight.track(scope.get()));
  }

  private CompletableFuture<FunctionCallInfo> callInfo() {
    LogScope s = Futures.join(scope.get());
    return context
        .controlPlane()
        .unary(
            ModalClientGrpc.getFunctionCallGetInfoMethod(),
            FunctionCallGetInfoRequest.newBuilder()
                .setFunctionId(s.functionId)
                .setFunctionCallId(s.functionCallId)
                .build())
        .handle(
            (r, e) -> {
              if (e != null) {
                Throwable cause = Futures.unwrap(e);
                if (cause instanceof NotFoundException) {
                  throw new NotFoundException(
                      "Function call " + objectId + " not found", cause, Status.Code.NOT_FOUND);
                }
                throw Futures.propagate(cause);
              }
              return r.getInfo();
            });
  }

  /** Whether every input of the call has finished; unknown (false) on transient failures. */
  private CompletableFuture<Boolean> callFinished() {
    return callInfo()
        .handle(
            (info, e) -> {
              if (e != null) {
                Throwable cause = Futures.unwrap(e);
                boolean transientFailure =
                    cause instanceof ModalException m
                        && m.statusCode()
                            .map(
                                c ->
                                    c == Status.Code.NOT_FOUND
                                        || c == Status.Code.RESOURCE_EXHAUSTED
                                        || CallPolicy.RETRYABLE_CODES.contains(c))
                            .orElse(false);
                if (transientFailure) {
                  return false;
                }
                throw Futures.propagate(cause);
              }
              int terminal =
                  info.getSucceededInputs().getTotal()
                      + info.getFailedInputs().getTotal()
                      + info.getTimeoutInputs().getTotal()
                      + info.getCancelledInputs().getTotal();
              return info.getTotalInputs() > 0 && terminal == info.getTotalInputs();
            });
  }

  private CompletableFuture<List<LogEntry>> collect(EntryIterator it) {
    CompletableFuture<List<LogEntry>> result = new CompletableFuture<>();
    result.whenComplete((v, e) -> it.close());
    context
        .blockingExecutor()
        .execute(
            () -> {
              try {
                List<LogEntry> all = new ArrayList<>();
                while (!result.isDone() && it.hasNext()) {
                  all.add(it.next());
                }
                result.complete(all);
              } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
              } finally {
                it.close();
              }
            });
    return CallerFutures.hand(context, result);
  }

  @Override
  public String toString() {
    return "Logs{" + objectId + "}";
  }
}
