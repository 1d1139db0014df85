package dev.modal4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ResultsTest {

  @Test
  void printsOneResultLinePerFigure() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    Results r = new Results(new PrintStream(buf, true, StandardCharsets.UTF_8));
    r.add("remote.p50_ratio", 1.1234, "x", "<= 1.25");
    r.add("map.inputs_per_s", 61234.0, "inputs/s", ">= 50000");
    r.add("map.throughput_ratio", Double.NaN, "x", ">= 0.8");
    assertThat(buf.toString(StandardCharsets.UTF_8).lines())
        .containsExactly(
            "RESULT remote.p50_ratio 1.123 x",
            "RESULT map.inputs_per_s 61234 inputs/s",
            "RESULT map.throughput_ratio NaN x");
    assertThat(r.figures()).extracting(Results.Figure::verdict).containsExactly("yes", "yes", "");
  }

  @Test
  void verdictFailsAMissedTarget() {
    assertThat(new Results.Figure("remote.p99_ratio", 1.7, "x", "<= 1.5").verdict())
        .isEqualTo("NO");
    assertThat(new Results.Figure("blob.ratio", 0.5, "x", ">= 0.7").verdict()).isEqualTo("NO");
  }

  @Test
  void resultsFileKeepsHandWrittenTextAroundTheGeneratedBlock(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("RESULTS.md");
    Files.writeString(
        file,
        "# title\n\nintro\n\n"
            + ResultsFile.BEGIN
            + "\nold\n"
            + ResultsFile.END
            + "\n\nanalysis\n");
    Results r =
        new Results(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    r.add("blob.ratio", 0.8, "x", ">= 0.7");
    r.note("a note");
    ResultsFile.write(file, "java -jar x.jar", "test machine", r);
    String text = Files.readString(file);
    assertThat(text).startsWith("# title\n\nintro\n\n").endsWith("\n\nanalysis\n");
    assertThat(text).doesNotContain("\nold\n");
    assertThat(text)
        .contains("| `blob.ratio` | 0.800 | x | ≥ 0.7 | yes |", "- a note", "test machine");
  }

  @Test
  void percentilesAreNearestRank() {
    long[] nanos = new long[100];
    for (int i = 0; i < 100; i++) {
      nanos[i] = (100 - i) * 1_000_000L;
    }
    Percentiles p = new Percentiles(nanos);
    assertThat(p.millis(50)).isEqualTo(50.0);
    assertThat(p.millis(99)).isEqualTo(99.0);
    assertThat(p.millis(100)).isEqualTo(100.0);
  }
}
