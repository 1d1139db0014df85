package dev.modal4j.internal.logs;

import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.logs.LogEntry;
import dev.modal4j.proto.AppFetchLogsResponse;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.TaskLogsBatch;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A fetch: resolves the scope and range, plans the intervals ({@link LogFetchPlan}), then reads
 * them in order with up to {@link #MAX_CONCURRENT_FETCHES} AppFetchLogs in flight.
 */
final class LogFetch extends EntryIterator {
  static final int MAX_CONCURRENT_FETCHES = 10;

  /** The scope and range once resolved. */
  record Target(LogScope scope, long sinceMs, long untilMs) {}

  private final ClientContext context;
  private final Function<InFlight, Target> resolve;
  private final LogScope.Filter filter;
  private final ArrayDeque<CompletableFuture<AppFetchLogsResponse>> window = new ArrayDeque<>();
  private Target target;
  private Iterator<LogRange> intervals;

  LogFetch(ClientContext context, Function<InFlight, Target> resolve, LogScope.Filter filter) {
    this.context = context;
    this.resolve = resolve;
    this.filter = filter;
  }

  @Override
  protected boolean refill(ArrayDeque<LogEntry> out) {
    if (intervals == null) {
      target = resolve.apply(inFlight);
      List<LogRange> plan =
          LogFetchPlan.plan(
              context, inFlight, target.scope(), filter, target.sinceMs(), target.untilMs());
      intervals = plan.iterator();
    }
    while (window.size() < MAX_CONCURRENT_FETCHES && intervals.hasNext()) {
      LogRange r = intervals.next();
      window.addLast(
          inFlight.track(
              context
                  .controlPlane()
                  .unary(
                      ModalClientGrpc.getAppFetchLogsMethod(),
                      LogRequests.fetch(
                          target.scope(),
                          filter,
                          r.startMs(),
                          r.endMs(),
                          LogFetchPlan.FETCH_LIMIT))));
    }
    if (window.isEmpty()) {
      return false;
    }
    AppFetchLogsResponse response = Futures.join(window.removeFirst());
    for (TaskLogsBatch batch : response.getBatchesList()) {
      LogEntries.addAll(batch, target.scope().objectId, false, out);
    }
    return true;
  }
}
