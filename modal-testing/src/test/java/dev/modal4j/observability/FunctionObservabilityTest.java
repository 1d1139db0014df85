package dev.modal4j.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.FunctionTimeoutException;
import dev.modal4j.InvalidException;
import dev.modal4j.ModalClient;
import dev.modal4j.NotFoundException;
import dev.modal4j.RemoteException;
import dev.modal4j.apps.App;
import dev.modal4j.apps.AppInfo;
import dev.modal4j.apps.AppState;
import dev.modal4j.environments.Environment;
import dev.modal4j.environments.EnvironmentFromNameParams;
import dev.modal4j.functions.Function;
import dev.modal4j.functions.FunctionMetricsExportParams;
import dev.modal4j.functions.FunctionStatsParams;
import dev.modal4j.functions.FunctionTimeRangeStats;
import dev.modal4j.functions.MetricSeries;
import dev.modal4j.functions.MetricsSchema;
import dev.modal4j.functions.MetricsSchemaParams;
import dev.modal4j.functions.ObjectMetrics;
import dev.modal4j.functions.StatsPercentileDistribution;
import dev.modal4j.functions.TimeSeriesPoint;
import dev.modal4j.testing.ModalEmulator;
import dev.modal4j.testing.functions.DemoApp;
import dev.modal4j.testing.functions.FunctionSpec;
import dev.modal4j.testing.functions.PyValues;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Function stats and metrics computed by the emulator from the calls a test made, App.info(),
 * functions().fromId() and environments().fromName() against the emulator.
 */
@Timeout(60)
class FunctionObservabilityTest {
  private static final String APP = "obs-app";
  static ModalEmulator emulator;
  ModalClient modal;

  @BeforeAll
  static void start() {
    emulator = ModalEmulator.start();
    DemoApp.deploy(emulator);
    emulator
        .deploy(APP)
        .function(
            "nap",
            (args, kwargs) -> {
              long ms = ((Number) PyValues.arg("nap", args, kwargs, 0, "ms")).longValue();
              Thread.sleep(ms);
              return ms;
            },
            FunctionSpec.builder().timeout(Duration.ofSeconds(1)).build())
        .function(
            "boom",
            (args, kwargs) -> {
              throw new IllegalStateException("boom");
            });
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @BeforeEach
  void connect() {
    modal =
        ModalClient.builder()
            .serverUrl(emulator.url())
            .tokenId(ModalEmulator.TOKEN_ID)
            .tokenSecret(ModalEmulator.TOKEN_SECRET)
            .environmentVariables(Map.of())
            .homeDirectory(Path.of("target", "no-home"))
            .build();
  }

  @AfterEach
  void disconnect() {
    modal.close();
  }

  @Test
  void statsCountTheCallsThisTestMadeWithFailuresAndTimeouts() {
    Function nap = modal.functions().fromName(APP, "nap");
    Function boom = modal.functions().fromName(APP, "boom");
    Instant since = Instant.now().minusMillis(1);
    for (int i = 0; i < 4; i++) {
      assertThat(nap.remote(Long.class, 20 + 10 * i)).isEqualTo(20L + 10 * i);
    }
    assertThatThrownBy(() -> nap.remote(Long.class, 5_000))
        .isInstanceOf(FunctionTimeoutException.class);
    assertThatThrownBy(() -> nap.remote(Long.class, 5_000))
        .isInstanceOf(FunctionTimeoutException.class);
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> boom.remote(Object.class)).isInstanceOf(RemoteException.class);
    }
    Instant until = Instant.now().plusMillis(1);

    FunctionTimeRangeStats s =
        nap.stats(FunctionStatsParams.builder().since(since).until(until).build());
    assertThat(s.inputSuccessCount()).isEqualTo(4);
    assertThat(s.inputTimeoutCount()).isEqualTo(2);
    assertThat(s.inputFailureCount()).isZero();
    assertThat(s.inputRunningAtEndCount()).isZero();
    assertThat(s.since()).isEqualTo(since);
    assertThat(s.until()).isEqualTo(until);
    assertThat(s.allVariants()).isFalse();
    StatsPercentileDistribution exec = s.inputPercentileStats().get("execution_time");
    assertThat(exec.unit()).isEqualTo("seconds");
    assertThat(exec.percentiles())
        .extracting(p -> p.percentile())
        .containsExactly(50.0, 90.0, 95.0, 99.0);
    // the timed-out inputs ran about 1 s, the longest successful one 50 ms
    assertThat(exec.at(50.0)).hasValueSatisfying(v -> assertThat(v).isBetween(0.02, 0.99));
    assertThat(exec.at(99.0)).hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(0.99));
    assertThat(s.inputPercentileStats()).containsKey("end_to_end_latency");

    FunctionTimeRangeStats b =
        boom.stats(FunctionStatsParams.builder().since(since).until(until).build());
    assertThat(b.inputFailureCount()).isEqualTo(3);
    assertThat(b.inputSuccessCount()).isZero();

    FunctionTimeRangeStats before =
        nap.stats(FunctionStatsParams.builder().since(since.minusSeconds(60)).until(since).build());
    assertThat(before.inputFinishedCount()).as("nothing finished before the test").isZero();
    assertThat(before.inputPercentileStats()).isEmpty();

    FunctionTimeRangeStats otherContainer =
        nap.stats(
            FunctionStatsParams.builder().since(since).until(until).container("ta-nope").build());
    assertThat(otherContainer.inputFinishedCount()).isZero();

    assertThat(nap.stats().inputFinishedCount()).as("the last hour").isGreaterThanOrEqualTo(6);
    assertThatThrownBy(
            () -> nap.stats(FunctionStatsParams.builder().since(until).until(since).build()))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("since");
    assertThatThrownBy(
            () ->
                nap.stats(
                    FunctionStatsParams.builder()
                        .since(until.minus(Duration.ofDays(8)))
                        .until(until)
                        .build()))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("7 days");
  }

  @Test
  void metricsSchemaAndAnExportOfTheCallsMade() {
    // "add" and "fail" are called by no other test of this class
    Function square = modal.functions().fromName(DemoApp.NAME, "add");
    Function fail = modal.functions().fromName(DemoApp.NAME, "fail");
    for (int i = 0; i < 5; i++) {
      assertThat(square.remote(Integer.class, i, 1)).isEqualTo(i + 1);
    }
    assertThatThrownBy(() -> fail.remote(Object.class, "no")).isInstanceOf(RemoteException.class);

    Map<String, MetricsSchema> schema = square.metrics().schema();
    assertThat(schema).containsOnlyKeys("calls", "containers");
    assertThat(schema.get("calls").definitions())
        .extracting(d -> d.name())
        .contains("successful_calls_count", "failed_calls_count", "execution_time_avg");
    assertThat(
            square.metrics().schema(MetricsSchemaParams.builder().groups(List.of("calls")).build()))
        .containsOnlyKeys("calls");

    Instant until = Instant.now().plusSeconds(120);
    ObjectMetrics m =
        square
            .metrics()
            .export(
                FunctionMetricsExportParams.builder()
                    .since(until.minus(Duration.ofHours(1)))
                    .until(until)
                    .bucketSize(Duration.ofMinutes(1))
                    .groups(List.of("calls"))
                    .build());
    assertThat(m.objectId()).isEqualTo(square.functionId());
    assertThat(m.bucketSize()).isEqualTo(Duration.ofMinutes(1));
    assertThat(m.since().getEpochSecond() % 60).isZero();
    MetricSeries ok = m.series().get("successful_calls_count");
    assertThat(ok.aggregation()).isEqualTo("count");
    assertThat(ok.points()).hasSize(60);
    assertThat(ok.points().stream().mapToDouble(p -> p.value().orElse(0)).sum()).isEqualTo(5.0);
    assertThat(
            m.series().get("failed_calls_count").points().stream()
                .mapToDouble(p -> p.value().orElse(0))
                .sum())
        .isZero();
    assertThat(m.series().get("execution_time_avg").points())
        .as("buckets without calls have no observation")
        .anySatisfy(p -> assertThat(p.value()).isEmpty());
    assertThat(m.pointCount())
        .isEqualTo(m.series().values().stream().mapToLong(s -> s.points().size()).sum());
    ObjectMetrics failed = fail.metrics().export();
    assertThat(failed.until())
        .as("rounded down: the bucket in progress is left out")
        .isBefore(Instant.now());
    ObjectMetrics withNow =
        fail.metrics()
            .export(
                FunctionMetricsExportParams.builder()
                    .since(until.minus(Duration.ofHours(1)))
                    .until(until)
                    .build());
    assertThat(
            withNow.series().get("failed_calls_count").points().stream()
                .mapToDouble(p -> p.value().orElse(0))
                .sum())
        .isEqualTo(1.0);
    assertThat(failed.bucketSize()).isEqualTo(Duration.ofMinutes(1));
    assertThat(failed.series().values()).allSatisfy(s -> assertThat(s.points()).hasSize(60));
    List<TimeSeriesPoint> points = failed.series().get("failed_calls_count").points();
    assertThat(points.get(1).time()).isEqualTo(points.get(0).time().plusSeconds(60));

    assertThatThrownBy(
            () ->
                square
                    .metrics()
                    .export(
                        FunctionMetricsExportParams.builder()
                            .since(until.minus(Duration.ofDays(32)))
                            .until(until)
                            .build()))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("31 days");
    assertThatThrownBy(
            () -> FunctionMetricsExportParams.builder().bucketSize(Duration.ofSeconds(30)))
        .isInstanceOf(InvalidException.class);
    assertThatThrownBy(
            () ->
                square
                    .metrics()
                    .export(FunctionMetricsExportParams.builder().groups(List.of("gpus")).build()))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("gpus");
  }

  @Test
  void appInfoListsTheFunctionsAndLifecycle() {
    App app = modal.apps().fromName(DemoApp.NAME);
    AppInfo info = app.info();
    assertThat(info.appId()).isEqualTo(app.appId());
    assertThat(info.functions()).containsKeys("square", "echo", "fail");
    Function square = modal.functions().fromName(DemoApp.NAME, "square");
    assertThat(info.functions().get("square")).isEqualTo(square.functionId());
    assertThat(info.lifecycle().state()).isEqualTo(AppState.DEPLOYED);
    assertThat(info.lifecycle().version()).hasValue(1);
    assertThat(info.lifecycle().deployedAt()).isPresent();
    assertThat(info.lifecycle().deployedBy()).hasValue("emulator");
    assertThat(info.lifecycle().createdAt()).isBefore(Instant.now());

    App fresh =
        modal
            .apps()
            .fromName(
                "obs-fresh",
                dev.modal4j.apps.AppFromNameParams.builder().createIfMissing(true).build());
    assertThat(fresh.info().functions()).isEmpty();
  }

  @Test
  void functionFromIdCallsTheSameFunction() {
    Function byName = modal.functions().fromName(DemoApp.NAME, "square");
    Function byId = modal.functions().fromId(byName.functionId());
    assertThat(byId.functionId()).isEqualTo(byName.functionId());
    assertThat(byId.remote(Integer.class, 9)).isEqualTo(81);
    assertThatThrownBy(() -> modal.functions().fromId("fu-nope"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("fu-nope");
    assertThatThrownBy(() -> modal.functions().fromId(" "))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("functionId");
  }

  @Test
  void environmentsFromNameFindsAndCreates() {
    Environment main = modal.environments().fromName("main");
    assertThat(main.name()).isEqualTo("main");
    assertThat(main.environmentId()).startsWith("en-");
    assertThatThrownBy(() -> modal.environments().fromName("obs-new"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("obs-new");
    Environment created =
        modal
            .environments()
            .fromName("obs-new", EnvironmentFromNameParams.builder().createIfMissing(true).build());
    assertThat(created.name()).isEqualTo("obs-new");
    assertThat(modal.environments().fromName("obs-new")).isEqualTo(created);
    assertThat(emulator.state().environments().names()).contains("obs-new");
    assertThatThrownBy(() -> modal.environments().fromName("en-bad"))
        .isInstanceOf(InvalidException.class);
    assertThat(modal.imageBuilderVersion())
        .isEqualTo(dev.modal4j.testing.images.ImagesArea.BUILDER_VERSION);
    assertThat(modal.imageBuilderVersion("obs-new"))
        .isEqualTo(dev.modal4j.testing.images.ImagesArea.BUILDER_VERSION);
    assertThatThrownBy(() -> modal.imageBuilderVersion("obs-missing"))
        .isInstanceOf(NotFoundException.class);
    assertThat(modal.version()).isNotBlank();
  }
}
