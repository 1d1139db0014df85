package dev.modal4j.internal.logs;

import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.logs.LogEntry;
import dev.modal4j.proto.AppFetchLogsResponse;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.TaskLogsBatch;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Function;

/**
 * The last {@code n} entries: one AppFetchLogs with limit {@code n} over the last hour, then the
 * last day, 7 days and 30 days, until one returns {@code n} entries (or the last one's, whatever it
 * returns).
 */
final class LogTail extends EntryIterator {
  static final List<Duration> LOOKBACKS =
      List.of(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30));

  private final ClientContext context;
  private final Function<InFlight, LogScope> resolve;
  private final LogScope.Filter filter;
  private final int n;
  private boolean done;

  LogTail(
      ClientContext context, Function<InFlight, LogScope> resolve, LogScope.Filter filter, int n) {
    this.context = context;
    this.resolve = resolve;
    this.filter = filter;
    this.n = n;
  }

  @Override
  protected boolean refill(ArrayDeque<LogEntry> out) {
    if (done) {
      return false;
    }
    done = true;
    if (n == 0) {
      return false;
    }
    LogScope scope = resolve.apply(inFlight);
    long anchor = System.currentTimeMillis() + 1; // the current millisecond included
    for (int i = 0; i < LOOKBACKS.size(); i++) {
      long since = anchor - LOOKBACKS.get(i).toMillis();
      AppFetchLogsResponse response =
          Futures.join(
              inFlight.track(
                  context
                      .controlPlane()
                      .unary(
                          ModalClientGrpc.getAppFetchLogsMethod(),
                          LogRequests.fetch(scope, filter, since, anchor, n))));
      int total = 0;
      for (TaskLogsBatch batch : response.getBatchesList()) {
        total += batch.getItemsCount();
      }
      if (total >= n || i == LOOKBACKS.size() - 1) {
        for (TaskLogsBatch batch : response.getBatchesList()) {
          LogEntries.addAll(batch, scope.objectId, false, out);
        }
        return true;
      }
    }
    return true;
  }
}
