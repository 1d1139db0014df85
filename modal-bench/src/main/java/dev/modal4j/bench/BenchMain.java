package dev.modal4j.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * The modal-bench command. From the repository root:
 *
 * <pre>{@code
 * ./mvnw -B -q -pl modal-bench -am package -DskipTests
 * java -jar modal-bench/target/modal-bench.jar
 * }</pre>
 *
 * <p>Starts the standalone emulator in a separate JVM, measures the SDK against the raw-stub floor
 * ({@code remote} latency, {@code map} throughput, a large payload round trip) and a 10M-input map
 * in a child JVM under {@code -Xmx128m}, prints one {@code RESULT <name> <value> <unit>} line per
 * figure and writes them to {@code modal-bench/RESULTS.md}. {@code --help} lists the flags.
 */
public final class BenchMain {

  static final String APP = "modal4j-demo";
  static final String TOKEN_ID = "ak-bench";
  static final String TOKEN_SECRET = "as-bench";

  private BenchMain() {}

  /**
   * Runs the benchmark; exits 0 when every part ran (whether or not it met its target), 1 if a part
   * failed, 2 on bad flags.
   *
   * @param args flags, see {@code --help}
   */
  public static void main(String[] args) throws Exception {
    BenchOptions o;
    try {
      o = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    String machine = Machine.describe();
    System.out.println("machine: " + machine);
    Results results = new Results(System.out);
    String loadBefore = Machine.loadAverage();
    boolean ok;
    try (EmulatorProcess emu =
        EmulatorProcess.start(
            o.emulatorJar(),
            o.emulatorJvmArgs(),
            List.of("--sandbox-backend", o.sandboxBackend()),
            Path.of("modal-bench/target/emulator.log"))) {
      System.out.println("emulator: " + emu.url() + " (pid " + emu.pid() + ")");
      ok = new BenchRun(emu.url(), o, results).runAll();
    }
    results.note(
        "load average (1/5/15 min) before the run: "
            + loadBefore
            + "; after: "
            + Machine.loadAverage()
            + " (other processes on the machine compete with both JVMs)");
    if (o.writeResults()) {
      String command =
          String.join(" ", concat("java -jar modal-bench/target/modal-bench.jar", o.commandLine()));
      ResultsFile.write(o.resultsFile(), command, machine, results);
      System.out.println("written: " + o.resultsFile());
    }
    System.exit(ok ? 0 : 1);
  }

  private static List<String> concat(String head, List<String> tail) {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(head), tail.stream()).toList();
  }
}
