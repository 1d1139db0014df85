package dev.modal4j.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.InvalidException;
import dev.modal4j.ModalClient;
import dev.modal4j.RpcEvents;
import dev.modal4j.functions.Function;
import dev.modal4j.functions.FunctionCall;
import dev.modal4j.testing.ModalEmulator;
import dev.modal4j.testing.functions.DemoApp;
import dev.modal4j.testing.functions.FunctionOutput;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Logs of functions and function calls: what handlers printed, fetched, tailed and streamed. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FunctionLogsTest {
  static ModalEmulator emulator;
  ModalClient modal;
  RpcEvents rpcs;

  @BeforeAll
  static void start() {
    emulator = ModalEmulator.start();
    DemoApp.deploy(emulator);
    emulator
        .deploy("logs-app")
        .function(
            "mixed",
            (args, kwargs) -> {
              FunctionOutput.stdout().println("out: hello");
              FunctionOutput.stderr().println("err: oops");
              FunctionOutput.stdout().print("out: no newline");
              return 1;
            })
        .function(
            "bursts",
            (args, kwargs) -> {
              int perBurst = ((Number) args.get(0)).intValue();
              int bursts = ((Number) args.get(1)).intValue();
              for (int b = 0; b < bursts; b++) {
                if (b > 0) {
                  Thread.sleep(2100);
                }
                for (int i = 0; i < perBurst; i++) {
                  FunctionOutput.stdout().println(b + ":" + i);
                }
              }
              return perBurst * bursts;
            });
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @BeforeEach
  void connect() {
    rpcs = new RpcEvents();
    modal = emulator.clientBuilder().interceptors(rpcs).build();
  }

  @AfterEach
  void disconnect() {
    modal.close();
  }

  private Function fn(String name) {
    return modal.functions().fromName(DemoApp.NAME, name);
  }

  private static List<String> messages(Stream<LogEntry> entries) {
    try (entries) {
      return entries.map(LogEntry::message).collect(Collectors.toList());
    }
  }

  @Test
  void callLogsFetchedFromTheCallsCreation() {
    FunctionCall<Integer> call = fn("log_lines").spawn(Integer.class, 3);
    assertThat(call.get()).isEqualTo(3);

    List<LogEntry> entries;
    try (Stream<LogEntry> s = call.logs().fetch()) {
      entries = s.collect(Collectors.toList());
    }
    assertThat(entries)
        .extracting(LogEntry::message)
        .containsExactly("line 1\n", "line 2\n", "line 3\n");
    LogEntry first = entries.get(0);
    assertThat(first.source()).isEqualTo(LogSource.STDOUT);
    assertThat(first.objectId()).isEqualTo(call.functionCallId());
    assertThat(first.contextIds()).hasSize(2);
    assertThat(first.contextIds().get(0)).startsWith("in-");
    assertThat(first.contextIds().get(1)).startsWith("ta-");
    assertThat(first.timestamp()).isBetween(Instant.now().minusSeconds(30), Instant.now());
    assertThat(entries.get(2).timestamp()).isAfterOrEqualTo(first.timestamp());
    assertThat(emulator.stats().count("FunctionCallGetInfo")).isPositive();
    assertThat(rpcs.count("AppCountLogs")).isPositive();
    assertThat(rpcs.count("AppFetchLogs")).isPositive();
  }

  @Test
  void functionLogsKeepCallsApartByContext() {
    Function logLines = fn("log_lines");
    Instant since = Instant.now().minusSeconds(1);
    FunctionCall<Integer> a = logLines.spawn(Integer.class, 2);
    a.get();
    FunctionCall<Integer> b = logLines.spawn(Integer.class, 1);
    b.get();

    List<LogEntry> all;
    try (Stream<LogEntry> s =
        logLines.logs().fetch(LogsFetchParams.builder().since(since).build())) {
      all = s.collect(Collectors.toList());
    }
    assertThat(all).extracting(LogEntry::objectId).containsOnly(logLines.functionId());
    assertThat(all.stream().filter(e -> e.contextIds().get(0).equals(a.functionCallId())))
        .extracting(LogEntry::message)
        .containsExactly("line 1\n", "line 2\n");
    assertThat(all.stream().filter(e -> e.contextIds().get(0).equals(b.functionCallId())))
        .extracting(LogEntry::message)
        .containsExactly("line 1\n");
    assertThat(messages(b.logs().fetch())).containsExactly("line 1\n");
  }

  @Test
  void tailReturnsTheMostRecentEntriesInOrder() {
    FunctionCall<Integer> call = fn("log_lines").spawn(Integer.class, 5);
    call.get();
    assertThat(messages(call.logs().tail(LogsTailParams.builder().entries(2).build())))
        .containsExactly("line 4\n", "line 5\n");
    assertThat(messages(call.logs().tail())).hasSize(5);
    assertThat(messages(call.logs().tail(LogsTailParams.builder().entries(0).build()))).isEmpty();
    assertThat(call.logs().tailAsync(LogsTailParams.builder().entries(1).build()).join())
        .extracting(LogEntry::message)
        .containsExactly("line 5\n");
  }

  @Test
  void sourceAndSearchFilters() {
    Function mixed = modal.functions().fromName("logs-app", "mixed");
    FunctionCall<Integer> call = mixed.spawn(Integer.class);
    call.get();
    assertThat(messages(call.logs().fetch()))
        .containsExactly("out: hello\n", "err: oops\n", "out: no newline");
    assertThat(
            messages(call.logs().fetch(LogsFetchParams.builder().source(LogSource.STDERR).build())))
        .containsExactly("err: oops\n");
    assertThat(messages(call.logs().fetch(LogsFetchParams.builder().searchText("HELLO").build())))
        .containsExactly("out: hello\n");
    assertThat(
            messages(
                call.logs()
                    .tail(LogsTailParams.builder().source(LogSource.STDOUT).entries(10).build())))
        .containsExactly("out: hello\n", "out: no newline");
    assertThat(call.logs().fetchAsync(LogsFetchParams.DEFAULT).join()).hasSize(3);
  }

  @Test
  void callStreamFollowsASlowCallAndEndsWhenItFinishes() {
    FunctionCall<Integer> call =
        fn("log_lines").spawn(Integer.class, List.of(4), Map.of("delay", 0.3));
    List<LogEntry> seen;
    try (Stream<LogEntry> live = call.logs().stream()) {
      seen = live.collect(Collectors.toList());
    }
    assertThat(seen)
        .extracting(LogEntry::message)
        .containsExactly("line 1\n", "line 2\n", "line 3\n", "line 4\n");
    assertThat(call.get(Duration.ZERO)).isEqualTo(4);
    assertThat(rpcs.count("AppGetLogs")).isGreaterThanOrEqualTo(2); // the live poll and the drain
  }

  @Test
  void functionStreamSeesEntriesWhileTheCallRuns() throws Exception {
    Function logLines = fn("log_lines");
    try (Stream<LogEntry> live =
        logLines.logs().stream(
            LogsStreamParams.builder().timeout(Duration.ofSeconds(20)).build())) {
      Iterator<LogEntry> it = live.iterator();
      FunctionCall<Integer> call = logLines.spawn(Integer.class, List.of(3), Map.of("delay", 0.2));
      List<String> mine = new java.util.ArrayList<>();
      while (mine.size() < 3 && it.hasNext()) {
        LogEntry e = it.next();
        if (e.contextIds().get(0).equals(call.functionCallId())) {
          mine.add(e.message());
        }
      }
      assertThat(mine).containsExactly("line 1\n", "line 2\n", "line 3\n");
    }
  }

  @Test
  void streamIdleTimeoutEndsIt() {
    Function logLines = fn("log_lines");
    // a function whose stream sees no new entry after those retained: the idle timeout ends it
    try (Stream<LogEntry> live =
        modal.functions().fromName(DemoApp.NAME, "square").logs().stream(
            LogsStreamParams.builder().timeout(Duration.ofMillis(300)).build())) {
      assertThat(live.count()).isZero();
    }
    assertThat(
            logLines.logs().stream(LogsStreamParams.builder().timeout(Duration.ZERO).build())
                .count())
        .isZero();
  }

  @Test
  void closingAStreamEarlyCancelsItsLongPoll() throws Exception {
    Function logLines = fn("log_lines");
    Stream<LogEntry> live = logLines.logs().stream();
    Iterator<LogEntry> it = live.iterator();
    logLines.spawn(Integer.class, 1);
    assertThat(it.hasNext()).isTrue();
    assertThat(emulator.state().logs().openStreams()).isPositive();
    live.close();
    dev.modal4j.Await.until(
        Duration.ofSeconds(10),
        "the emulator's AppGetLogs call cancelled",
        () -> emulator.state().logs().openStreams() == 0);
    assertThat(emulator.state().logs().openStreams()).isZero();
    assertThat(rpcs.count("AppGetLogs")).isEqualTo(1);
  }

  @Test
  void denseRangesAreRecountedAndFetchedInIntervals() {
    Function bursts = modal.functions().fromName("logs-app", "bursts");
    Instant since = Instant.now().minusSeconds(240);
    FunctionCall<Integer> call = bursts.spawn(Integer.class, 12_000, 2);
    assertThat(call.get()).isEqualTo(24_000);
    int fetchesBefore = rpcs.count("AppFetchLogs");
    List<String> got = messages(call.logs().fetch(LogsFetchParams.builder().since(since).build()));
    assertThat(got).hasSize(24_000);
    assertThat(got.get(0)).isEqualTo("0:0\n");
    assertThat(got.get(23_999)).isEqualTo("1:11999\n");
    assertThat(rpcs.count("AppFetchLogs") - fetchesBefore).isGreaterThanOrEqualTo(2);
  }

  @Test
  void tooManyEntriesInTheSmallestBucketIsRefusedWithAdvice() {
    Function bursts = modal.functions().fromName("logs-app", "bursts");
    FunctionCall<Integer> call = bursts.spawn(Integer.class, 45_000, 1);
    assertThat(call.get()).isEqualTo(45_000);
    assertThatThrownBy(() -> messages(call.logs().fetch()))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("Too many logs to fetch")
        .hasMessageContaining("narrowing the range");
    assertThat(messages(call.logs().tail(LogsTailParams.builder().entries(3).build())))
        .containsExactly("0:44997\n", "0:44998\n", "0:44999\n");
  }

  @Test
  void badInputIsRefusedBeforeAnyRpc() {
    Function logLines = fn("log_lines");
    FunctionCall<Integer> call = logLines.spawn(Integer.class, 1);
    call.get();
    emulator.stats().reset();
    Instant now = Instant.now();
    assertThatThrownBy(
            () ->
                logLines
                    .logs()
                    .fetch(
                        LogsFetchParams.builder()
                            .since(now.minus(Duration.ofDays(36)))
                            .until(now)
                            .build()))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("35 days");
    assertThatThrownBy(
            () ->
                call.logs()
                    .fetch(LogsFetchParams.builder().since(now).until(now.minusSeconds(1)).build()))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("until");
    assertThatThrownBy(() -> logLines.logs().fetch())
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("since");
    assertThatThrownBy(() -> LogsTailParams.builder().entries(-1))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> LogsTailParams.builder().entries(20_001))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("20000");
    assertThatThrownBy(() -> LogsStreamParams.builder().timeout(Duration.ofSeconds(-1)))
        .isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> logLines.logs().fetch(null)).isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> logLines.logs().tail(null)).isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> logLines.logs().stream(null)).isInstanceOf(InvalidException.class);
    assertThat(emulator.stats().counts()).isEmpty();
  }
}
