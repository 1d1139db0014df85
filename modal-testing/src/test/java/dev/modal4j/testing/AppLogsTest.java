package dev.modal4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modal4j.testing.logs.AppLogs;
import dev.modal4j.testing.logs.LogFilter;
import dev.modal4j.testing.logs.LogOrigin;
import dev.modal4j.testing.logs.LogRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The emulator's log store: order, timestamps, filters, resumption, expiry and bounds. */
class AppLogsTest {
  private static final LogFilter ALL = new LogFilter("", "", "", "", "", 0, "");
  private static final LogOrigin SB = LogOrigin.sandbox("sb-1", "ta-1");
  private static final LogOrigin IN = LogOrigin.input("fu-1", "fc-1", "in-1", "ta-fu");

  @Test
  void entriesAreNumberedWithNonDecreasingNanosecondTimestamps() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00.123456789Z"));
    AppLogs logs = new AppLogs(clock);
    logs.append("ap-1", SB, 1, "one\n");
    logs.append("ap-1", IN, 2, "two\n");
    List<LogRecord> all = logs.after("ap-1", 0, ALL, 10);
    assertThat(all).extracting(LogRecord::entryId).containsExactly("1-0", "2-0");
    assertThat(all.get(0).timestampNs()).isEqualTo(1767225600_123456789L);
    assertThat(all.get(1).timestampNs()).isGreaterThanOrEqualTo(all.get(0).timestampNs());
    assertThat(logs.after("ap-1", 1, ALL, 10)).extracting(LogRecord::data).containsExactly("two\n");
    assertThat(logs.after("ap-2", 0, ALL, 10)).isEmpty();
  }

  @Test
  void filtersSelectByOriginSourceAndText() {
    AppLogs logs = new AppLogs(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));
    logs.append("ap-1", SB, 1, "Hello sandbox\n");
    logs.append("ap-1", IN, 1, "hello input\n");
    logs.append("ap-1", IN, 2, "oops\n");
    long all = Long.MAX_VALUE;
    assertThat(logs.range("ap-1", new LogFilter("ta-1", "", "", "", "", 0, ""), 0, all))
        .extracting(LogRecord::data)
        .containsExactly("Hello sandbox\n");
    assertThat(logs.range("ap-1", new LogFilter("", "", "", "fc-1", "", 2, ""), 0, all))
        .extracting(LogRecord::data)
        .containsExactly("oops\n");
    assertThat(logs.range("ap-1", new LogFilter("", "", "", "", "", 0, "HELLO"), 0, all))
        .hasSize(2);
  }

  @Test
  void entriesExpireAfterTheTtlAndRangesAreHalfOpen() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    AppLogs logs = new AppLogs(clock);
    logs.ttl(Duration.ofMinutes(10));
    logs.append("ap-1", SB, 1, "old\n");
    long oldTs = logs.after("ap-1", 0, ALL, 1).get(0).timestampNs();
    clock.advance(Duration.ofMinutes(5));
    logs.append("ap-1", SB, 1, "new\n");
    long newTs = logs.after("ap-1", 1, ALL, 1).get(0).timestampNs();
    assertThat(logs.range("ap-1", ALL, oldTs, newTs))
        .extracting(LogRecord::data)
        .containsExactly("old\n");
    clock.advance(Duration.ofMinutes(6));
    assertThat(logs.range("ap-1", ALL, 0, Long.MAX_VALUE))
        .extracting(LogRecord::data)
        .containsExactly("new\n");
  }

  @Test
  void anAppKeepsAtMostItsBoundOfEntries() {
    AppLogs logs = new AppLogs(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));
    int extra = 10;
    for (int i = 0; i < AppLogs.MAX_RECORDS_PER_APP + extra; i++) {
      logs.append("ap-1", SB, 1, "x");
    }
    assertThat(logs.size("ap-1")).isEqualTo(AppLogs.MAX_RECORDS_PER_APP);
    assertThat(logs.after("ap-1", 0, ALL, 1).get(0).seq()).isEqualTo(extra + 1);
  }

  @Test
  void listenersHearAppendsUntilRemoved() {
    AppLogs logs = new AppLogs(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));
    AtomicInteger heard = new AtomicInteger();
    Runnable stop = logs.listen("ap-1", heard::incrementAndGet);
    assertThat(logs.openStreams()).isEqualTo(1);
    logs.append("ap-1", SB, 1, "a");
    logs.append("ap-2", SB, 1, "b");
    stop.run();
    stop.run();
    logs.append("ap-1", SB, 1, "c");
    assertThat(heard).hasValue(1);
    assertThat(logs.openStreams()).isZero();
  }
}
