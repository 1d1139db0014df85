package dev.modal4j.internal.logs;

import dev.modal4j.InvalidException;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.proto.AppCountLogsResponse;
import dev.modal4j.proto.ModalClientGrpc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Plans a fetch as Modal's JS SDK does: counts the range in about 100 buckets (AppCountLogs),
 * recounts buckets holding more than {@link #FETCH_LIMIT} entries with smaller buckets (at most 3
 * rounds, at most {@link #MAX_FETCHES} ranges, 20 counts at a time), then merges the buckets into
 * intervals each fetched with one AppFetchLogs.
 */
final class LogFetchPlan {
  /** The most entries one AppFetchLogs returns. */
  static final int FETCH_LIMIT = 20_000;

  /** The most intervals (and so AppFetchLogs calls) one fetch may need. */
  static final int MAX_FETCHES = 500;

  static final int MAX_REFINE_ITERATIONS = 3;
  static final int MAX_CONCURRENT_COUNTS = 20;

  static final String TOO_MANY =
      "Too many logs to fetch in time range. Consider narrowing the range or adding filters.";

  private LogFetchPlan() {}

  /** The intervals to fetch, in order; empty when the range holds no entry. */
  static List<LogRange> plan(
      ClientContext context,
      InFlight inFlight,
      LogScope scope,
      LogScope.Filter filter,
      long sinceMs,
      long untilMs) {
    int bucketSecs = LogRange.pickBucketSecs(sinceMs, untilMs);
    List<LogRange> ranges =
        new ArrayList<>(
            LogRange.of(
                Futures.join(count(context, inFlight, scope, filter, sinceMs, untilMs, bucketSecs))
                    .getBucketsList(),
                bucketSecs));
    if (ranges.stream().mapToLong(LogRange::count).sum() == 0) {
      return List.of();
    }
    while (!ranges.isEmpty() && ranges.get(0).count() == 0) {
      ranges.remove(0);
    }
    while (!ranges.isEmpty() && ranges.get(ranges.size() - 1).count() == 0) {
      ranges.remove(ranges.size() - 1);
    }
    List<LogRange> refined = refine(context, inFlight, scope, filter, ranges);
    if (refined.stream().anyMatch(r -> r.count() > FETCH_LIMIT)) {
      throw new InvalidException(TOO_MANY);
    }
    List<LogRange> intervals = new ArrayList<>();
    for (LogRange r : LogRange.intervals(refined)) {
      long start = Math.max(r.startMs(), sinceMs);
      long end = Math.min(r.endMs(), untilMs);
      if (start < end) {
        intervals.add(new LogRange(start, end, r.count()));
      }
    }
    if (intervals.size() > MAX_FETCHES) {
      throw new InvalidException(TOO_MANY);
    }
    return intervals;
  }

  private static List<LogRange> refine(
      ClientContext context,
      InFlight inFlight,
      LogScope scope,
      LogScope.Filter filter,
      List<LogRange> ranges) {
    List<LogRange> refined = ranges;
    for (int iteration = 0; iteration < MAX_REFINE_ITERATIONS; iteration++) {
      Map<Integer, Integer> bucketFor = new HashMap<>();
      long estimated = refined.size();
      for (int i = 0; i < refined.size(); i++) {
        LogRange r = refined.get(i);
        if (r.count() <= FETCH_LIMIT) {
          continue;
        }
        double durationSecs = (r.endMs() - r.startMs()) / 1000.0;
        int smaller = LogRange.nextSmallerBucketSecs(durationSecs);
        if (smaller > 0) {
          bucketFor.put(i, smaller);
          estimated += (long) Math.ceil(durationSecs / smaller) - 1;
        }
      }
      if (bucketFor.isEmpty() || estimated > MAX_FETCHES) {
        return refined;
      }
      Map<Integer, List<LogRange>> replacements = new HashMap<>();
      List<Integer> indexes = new ArrayList<>(bucketFor.keySet());
      for (int from = 0; from < indexes.size(); from += MAX_CONCURRENT_COUNTS) {
        List<Integer> group =
            indexes.subList(from, Math.min(indexes.size(), from + MAX_CONCURRENT_COUNTS));
        Map<Integer, CompletableFuture<AppCountLogsResponse>> counts = new HashMap<>();
        for (int i : group) {
          LogRange r = refined.get(i);
          counts.put(
              i, count(context, inFlight, scope, filter, r.startMs(), r.endMs(), bucketFor.get(i)));
        }
        for (int i : group) {
          LogRange r = refined.get(i);
          List<LogRange> sub =
              new ArrayList<>(
                  LogRange.of(Futures.join(counts.get(i)).getBucketsList(), bucketFor.get(i)));
          if (!sub.isEmpty()) {
            LogRange first = sub.get(0);
            sub.set(
                0,
                new LogRange(Math.max(first.startMs(), r.startMs()), first.endMs(), first.count()));
            LogRange last = sub.get(sub.size() - 1);
            sub.set(
                sub.size() - 1,
                new LogRange(last.startMs(), Math.min(last.endMs(), r.endMs()), last.count()));
          }
          replacements.put(i, sub);
        }
      }
      List<LogRange> next = new ArrayList<>();
      for (int i = 0; i < refined.size(); i++) {
        List<LogRange> sub = replacements.get(i);
        if (sub == null) {
          next.add(refined.get(i));
        } else {
          next.addAll(sub);
        }
      }
      refined = next;
    }
    return refined;
  }

  private static CompletableFuture<AppCountLogsResponse> count(
      ClientContext context,
      InFlight inFlight,
      LogScope scope,
      LogScope.Filter filter,
      long sinceMs,
      long untilMs,
      int bucketSecs) {
    return inFlight.track(
        context
            .controlPlane()
            .unary(
                ModalClientGrpc.getAppCountLogsMethod(),
                LogRequests.count(scope, filter, sinceMs, untilMs, bucketSecs)));
  }
}
