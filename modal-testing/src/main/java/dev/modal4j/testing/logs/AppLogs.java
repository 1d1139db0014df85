package dev.modal4j.testing.logs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The emulator's log store: per app, the entries its sandboxes' entrypoints and its function
 * handlers wrote, numbered in order, with nanosecond timestamps from the emulator's clock.
 *
 * <p>Memory is bounded: an app keeps at most {@link #MAX_RECORDS_PER_APP} entries and {@link
 * #MAX_CHARS_PER_APP} characters (the oldest go first), and entries older than the time to live
 * (the emulator's call TTL) are dropped as new ones arrive or are read. Thread-safe.
 */
public final class AppLogs {
  /** The most entries one app keeps. */
  public static final int MAX_RECORDS_PER_APP = 200_000;

  /** The most characters one app keeps. */
  public static final long MAX_CHARS_PER_APP = 32L * 1024 * 1024;

  private final Clock clock;
  private final Map<String, AppLog> apps = new ConcurrentHashMap<>();
  private final AtomicInteger listeners = new AtomicInteger();
  private volatile Duration ttl = Duration.ofHours(1);

  /** A store whose timestamps come from {@code clock}. */
  public AppLogs(Clock clock) {
    this.clock = clock;
  }

  /** Sets how long entries are kept (the emulator's call TTL). */
  public void ttl(Duration ttl) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive, got " + ttl);
    }
    this.ttl = ttl;
  }

  /** Appends {@code data} written by {@code origin} to the log of app {@code appId}. */
  public void append(String appId, LogOrigin origin, int fd, String data) {
    if (data.isEmpty() || appId.isEmpty()) {
      return;
    }
    AppLog log = apps.computeIfAbsent(appId, id -> new AppLog());
    List<Runnable> wake;
    synchronized (log) {
      long now = nanos(clock.instant());
      long ts = Math.max(now, log.lastTimestampNs);
      log.lastTimestampNs = ts;
      log.records.addLast(new LogRecord(++log.lastSeq, ts, fd, data, origin));
      log.chars += data.length();
      trim(log, now);
      wake = List.copyOf(log.listeners);
    }
    wake.forEach(Runnable::run);
  }

  /**
   * Entries of {@code appId} passing {@code filter} written in [{@code sinceNs}, {@code untilNs}).
   */
  public List<LogRecord> range(String appId, LogFilter filter, long sinceNs, long untilNs) {
    List<LogRecord> out = new ArrayList<>();
    AppLog log = apps.get(appId);
    if (log == null) {
      return out;
    }
    synchronized (log) {
      trim(log, nanos(clock.instant()));
      for (LogRecord r : log.records) {
        if (r.timestampNs() >= sinceNs && r.timestampNs() < untilNs && filter.matches(r)) {
          out.add(r);
        }
      }
    }
    return out;
  }

  /** Up to {@code max} entries of {@code appId} after entry {@code afterSeq} passing the filter. */
  public List<LogRecord> after(String appId, long afterSeq, LogFilter filter, int max) {
    List<LogRecord> out = new ArrayList<>();
    AppLog log = apps.get(appId);
    if (log == null) {
      return out;
    }
    synchronized (log) {
      // newest first back to afterSeq: a live reader only walks what it has not seen
      java.util.Iterator<LogRecord> it = log.records.descendingIterator();
      while (it.hasNext()) {
        LogRecord r = it.next();
        if (r.seq() <= afterSeq) {
          break;
        }
        if (filter.matches(r)) {
          out.add(r);
        }
      }
    }
    java.util.Collections.reverse(out);
    return out.size() > max ? new ArrayList<>(out.subList(0, max)) : out;
  }

  /**
   * Runs {@code onAppend} after each entry appended to {@code appId} until the returned handle is
   * run.
   */
  public Runnable listen(String appId, Runnable onAppend) {
    AppLog log = apps.computeIfAbsent(appId, id -> new AppLog());
    log.listeners.add(onAppend);
    listeners.incrementAndGet();
    java.util.concurrent.atomic.AtomicBoolean removed =
        new java.util.concurrent.atomic.AtomicBoolean();
    return () -> {
      if (removed.compareAndSet(false, true)) {
        log.listeners.remove(onAppend);
        listeners.decrementAndGet();
      }
    };
  }

  /** How many live log streams (AppGetLogs long polls) are open now. */
  public int openStreams() {
    return listeners.get();
  }

  /** How many entries app {@code appId} keeps now. */
  public int size(String appId) {
    AppLog log = apps.get(appId);
    if (log == null) {
      return 0;
    }
    synchronized (log) {
      return log.records.size();
    }
  }

  /** Nanoseconds since the epoch of {@code instant}. */
  public static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  private void trim(AppLog log, long nowNs) {
    long oldest = nowNs - ttl.toNanos();
    while (!log.records.isEmpty()
        && (log.records.size() > MAX_RECORDS_PER_APP
            || log.chars > MAX_CHARS_PER_APP
            || log.records.peekFirst().timestampNs() < oldest)) {
      log.chars -= log.records.removeFirst().data().length();
    }
  }

  private static final class AppLog {
    final ArrayDeque<LogRecord> records = new ArrayDeque<>();
    final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    long lastSeq;
    long lastTimestampNs;
    long chars;
  }
}
