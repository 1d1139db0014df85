package dev.modal4j.testing.sandboxes.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.modal4j.testing.sandboxes.backend.ExitStatus;
import dev.modal4j.testing.sandboxes.backend.RunningProcess;
import dev.modal4j.testing.sandboxes.backend.SandboxRuntime;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Timings of the container backend, printed for the record (container start, exec round trip,
 * stdout throughput); the assertions only check that the work was really done.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DockerBackendTimingTest {

  private static DockerBackend backend;

  @BeforeAll
  static void connect() throws Exception {
    assumeTrue(
        DockerBackend.engineAnswers(),
        "no Docker engine answers: the container backend timings are skipped");
    backend = DockerBackend.connect();
  }

  @AfterAll
  static void close() {
    if (backend != null) {
      backend.close();
    }
  }

  @Test
  void containerStartAndExecRoundTrip() throws Exception {
    List<Long> starts = new ArrayList<>();
    List<Long> firstOutput = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      long t0 = System.nanoTime();
      SandboxRuntime sandbox = backend.start(Specs.sandbox().build());
      long t1 = System.nanoTime();
      RunningProcess echo = sandbox.exec(Specs.exec("echo", "first"));
      assertThat(echo.stdout().read()).isEqualTo('f');
      long t2 = System.nanoTime();
      starts.add(t1 - t0);
      firstOutput.add(t2 - t0);
      sandbox.terminate();
    }
    SandboxRuntime sandbox = backend.start(Specs.sandbox().build());
    List<Long> roundTrips = new ArrayList<>();
    try {
      for (int i = 0; i < 40; i++) {
        long t0 = System.nanoTime();
        RunningProcess echo = sandbox.exec(Specs.exec("echo", "x"));
        assertThat(echo.stdout().readAllBytes()).hasSize(2);
        assertThat(echo.exit().get(10, TimeUnit.SECONDS)).isEqualTo(ExitStatus.exited(0));
        roundTrips.add(System.nanoTime() - t0);
      }
    } finally {
      sandbox.terminate();
    }
    System.out.printf(
        "docker backend: container start p50 %.1f ms, start to first exec output p50 %.1f ms,"
            + " exec round trip (echo, to exit) p50 %.1f ms p90 %.1f ms%n",
        p(starts, 50), p(firstOutput, 50), p(roundTrips, 50), p(roundTrips, 90));
  }

  @Test
  void stdoutThroughput() throws Exception {
    SandboxRuntime sandbox = backend.start(Specs.sandbox().build());
    try {
      long size = 256L << 20;
      for (int round = 0; round < 2; round++) {
        long t0 = System.nanoTime();
        RunningProcess p = sandbox.exec(Specs.exec("head", "-c", Long.toString(size), "/dev/zero"));
        long total = drain(p.stdout());
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(total).isEqualTo(size);
        System.out.printf(
            "docker backend: 256 MiB exec stdout in %.2f s: %.0f MB/s%n",
            seconds, size / 1e6 / seconds);
      }
    } finally {
      sandbox.terminate();
    }
  }

  private static long drain(InputStream in) throws Exception {
    byte[] buffer = new byte[1 << 16];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) >= 0) {
      total += n;
    }
    return total;
  }

  private static double p(List<Long> nanos, int percentile) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    int index = Math.min(sorted.size() - 1, (sorted.size() * percentile) / 100);
    return sorted.get(index) / 1e6;
  }
}
