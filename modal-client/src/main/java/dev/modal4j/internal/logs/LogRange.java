package dev.modal4j.internal.logs;

import dev.modal4j.proto.AppCountLogsResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * A time range in milliseconds [start, end) with the number of entries counted in it, and the pure
 * steps of the fetch plan Modal's JS SDK follows: bucket sizes, intervals of at most {@link
 * LogFetchPlan#FETCH_LIMIT} entries.
 */
record LogRange(long startMs, long endMs, long count) {
  /** Bucket sizes AppCountLogs is asked for, in seconds. */
  static final int[] BUCKET_SIZES_SECS = {
    2, 4, 6, 12, 20, 30, 60, 120, 180, 240, 300, 360, 600, 720, 900, 1200, 1800, 3600, 7200, 10800,
    14400, 28800, 43200, 86400
  };

  /** About how many buckets the first count should return. */
  static final int APPROX_INITIAL_BUCKETS = 100;

  /** An interval is closed once it holds this many entries. */
  static final int INTERVAL_LOG_THRESHOLD = 2_000;

  /** The smallest bucket size giving at most about 100 buckets over the range. */
  static int pickBucketSecs(long sinceMs, long untilMs) {
    double durationSecs = (untilMs - sinceMs) / 1000.0;
    for (int s : BUCKET_SIZES_SECS) {
      if (durationSecs / s <= APPROX_INITIAL_BUCKETS) {
        return s;
      }
    }
    return BUCKET_SIZES_SECS[BUCKET_SIZES_SECS.length - 1];
  }

  /** The largest bucket size below {@code durationSecs}, or 0 if none. */
  static int nextSmallerBucketSecs(double durationSecs) {
    for (int i = BUCKET_SIZES_SECS.length - 1; i >= 0; i--) {
      if (BUCKET_SIZES_SECS[i] < durationSecs) {
        return BUCKET_SIZES_SECS[i];
      }
    }
    return 0;
  }

  static List<LogRange> of(List<AppCountLogsResponse.LogBucket> buckets, int bucketSecs) {
    List<LogRange> ranges = new ArrayList<>(buckets.size());
    for (AppCountLogsResponse.LogBucket b : buckets) {
      long start = b.hasBucketStartAt() ? LogRequests.millis(b.getBucketStartAt()) : 0;
      ranges.add(
          new LogRange(
              start,
              start + bucketSecs * 1000L,
              b.getStdoutLogs() + b.getStderrLogs() + b.getSystemLogs()));
    }
    return ranges;
  }

  /**
   * Merges adjacent ranges into fetch intervals: an empty range or the limit closes an interval,
   * and so does reaching {@link #INTERVAL_LOG_THRESHOLD} entries.
   */
  static List<LogRange> intervals(List<LogRange> ranges) {
    List<LogRange> intervals = new ArrayList<>();
    Long start = null;
    long end = 0;
    long count = 0;
    for (LogRange r : ranges) {
      if (r.count == 0) {
        if (start != null) {
          intervals.add(new LogRange(start, end, count));
          start = null;
          count = 0;
        }
        continue;
      }
      if (start != null && count + r.count > LogFetchPlan.FETCH_LIMIT) {
        intervals.add(new LogRange(start, end, count));
        start = null;
        count = 0;
      }
      if (start == null) {
        start = r.startMs;
        count = r.count;
      } else {
        count += r.count;
      }
      end = r.endMs;
      if (count >= INTERVAL_LOG_THRESHOLD) {
        intervals.add(new LogRange(start, end, count));
        start = null;
        count = 0;
      }
    }
    if (start != null) {
      intervals.add(new LogRange(start, end, count));
    }
    return intervals;
  }
}
