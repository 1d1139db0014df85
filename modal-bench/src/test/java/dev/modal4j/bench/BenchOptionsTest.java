package dev.modal4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class BenchOptionsTest {

  @Test
  void defaultsAreTheDocumentedRun() {
    BenchOptions o = BenchOptions.parse(new String[0]);
    assertThat(o.emulatorJar()).isEqualTo(Path.of("modal-testing/target/modal-emulator.jar"));
    assertThat(o.resultsFile()).isEqualTo(Path.of("modal-bench/RESULTS.md"));
    assertThat(o.mapInputs()).isEqualTo(1_000_000);
    assertThat(o.map10mInputs()).isEqualTo(10_000_000);
    assertThat(o.blobMiB()).isEqualTo(64);
    assertThat(o.writeResults()).isTrue();
    assertThat(BenchOptions.ALL_PARTS).allMatch(o::runs);
  }

  @Test
  void flagsOverrideDefaults() {
    BenchOptions o =
        BenchOptions.parse(
            new String[] {
              "--emulator-jar",
              "/x/e.jar",
              "--only",
              "remote,blob",
              "--map-inputs",
              "1_000",
              "--no-write"
            });
    assertThat(o.emulatorJar()).isEqualTo(Path.of("/x/e.jar"));
    assertThat(o.runs("remote")).isTrue();
    assertThat(o.runs("map")).isFalse();
    assertThat(o.mapInputs()).isEqualTo(1000);
    assertThat(o.writeResults()).isFalse();
    assertThat(o.commandLine()).contains("--no-write");
  }

  @Test
  void badFlagsAreRefusedWithTheReason() {
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--bogus", "1"}))
        .hasMessageContaining("unknown flag --bogus");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--only", "remote,nope"}))
        .hasMessageContaining("--only");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--remote-calls", "0"}))
        .hasMessageContaining("--remote-calls needs a positive integer");
  }
}
