package dev.modal4j.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.InvalidException;
import dev.modal4j.ModalClient;
import dev.modal4j.apps.App;
import dev.modal4j.apps.AppFromNameParams;
import dev.modal4j.images.Image;
import dev.modal4j.sandboxes.Sandbox;
import dev.modal4j.sandboxes.SandboxCreateParams;
import dev.modal4j.testing.ModalEmulator;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Logs of a sandbox entrypoint that printed lines, on one backend (a subclass per backend). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class SandboxLogsContract {
  static ModalEmulator emulator;
  ModalClient modal;
  App app;
  Image image;

  static void stopEmulator() {
    if (emulator != null) {
      emulator.close();
      emulator = null;
    }
  }

  @BeforeEach
  void connect() {
    modal = emulator.newClient();
    app =
        modal
            .apps()
            .fromName("sandbox-logs", AppFromNameParams.builder().createIfMissing(true).build());
    image = modal.images().fromRegistry("alpine:3.21");
  }

  @AfterEach
  void disconnect() {
    modal.close();
  }

  private static List<LogEntry> all(Stream<LogEntry> entries) {
    try (entries) {
      return entries.collect(Collectors.toList());
    }
  }

  private void check(java.util.function.Function<SandboxCreateParams, Sandbox> create) {
    Instant since = Instant.now().minusSeconds(1);
    String script = "echo one; echo two; echo oops >&2; echo three";
    try (Sandbox sb =
        create.apply(SandboxCreateParams.builder().command(List.of("sh", "-c", script)).build())) {
      assertThat(sb.waitFor()).isZero();
      List<LogEntry> entries = all(sb.logs().fetch(LogsFetchParams.builder().since(since).build()));
      String stdout =
          entries.stream()
              .filter(e -> e.source() == LogSource.STDOUT)
              .map(LogEntry::message)
              .collect(Collectors.joining());
      assertThat(stdout).isEqualTo("one\ntwo\nthree\n");
      assertThat(entries).allSatisfy(e -> assertThat(e.objectId()).isEqualTo(sb.sandboxId()));
      assertThat(entries.get(0).contextIds()).singleElement().asString().startsWith("ta-");
      assertThat(
              all(
                  sb.logs()
                      .fetch(
                          LogsFetchParams.builder().since(since).source(LogSource.STDERR).build())))
          .extracting(LogEntry::message)
          .containsExactly("oops\n");
      String tailed =
          all(sb.logs().tail(LogsTailParams.builder().source(LogSource.STDOUT).build())).stream()
              .map(LogEntry::message)
              .collect(Collectors.joining());
      assertThat(tailed).isEqualTo("one\ntwo\nthree\n");
      assertThat(
              all(
                  sb.logs()
                      .fetch(LogsFetchParams.builder().since(since).searchText("two").build())))
          .extracting(LogEntry::message)
          .allSatisfy(m -> assertThat(m).contains("two"))
          .isNotEmpty();
      assertThatThrownBy(() -> sb.logs().stream()).isInstanceOf(InvalidException.class);
    }
  }

  @Test
  void entrypointOutputFetchedAndTailed() {
    check(params -> modal.sandboxes().create(app, image, params));
  }

  @Test
  void v2EntrypointOutputFetchedAndTailed() {
    check(params -> modal.sandboxes().experimentalCreate(app, image, params));
  }
}
