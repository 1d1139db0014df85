package dev.modal4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Launches {@link Map10M} in a child JVM with {@code -Xmx128m} and reports whether it passed. */
final class ChildMap {

  private ChildMap() {}

  /** Runs the child and records {@code map.10m_in_128m} (1 or 0) and its elapsed time. */
  static void run(String url, BenchOptions o, Results results) throws Exception {
    List<String> cmd =
        List.of(
            JavaCommand.javaBinary(),
            "-Xmx128m",
            "-cp",
            JavaCommand.ownClassPath(),
            Map10M.class.getName(),
            url,
            Integer.toString(o.map10mInputs()),
            "sdk");
    System.out.println("child: " + String.join(" ", cmd));
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    Thread pump = new Thread(() -> forward(p), "map10m-output");
    pump.setDaemon(true);
    pump.start();
    boolean finished = p.waitFor(o.map10mTimeoutSeconds(), TimeUnit.SECONDS);
    if (!finished) {
      p.destroyForcibly();
      p.waitFor();
    }
    pump.join(5_000);
    double seconds = (System.nanoTime() - t0) / 1e9;
    int code = finished ? p.exitValue() : -1;
    if (!finished) {
      results.note("the 10M child JVM did not finish within " + o.map10mTimeoutSeconds() + " s");
    }
    results.add("map.10m_in_128m", code == 0 ? 1 : 0, "bool", ">= 1");
    results.add("map.10m_seconds", seconds, "s");
    results.add(
        "map.10m_inputs_per_s", code == 0 ? o.map10mInputs() / seconds : Double.NaN, "inputs/s");
  }

  private static void forward(Process p) {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        System.out.println("  [10M] " + line);
      }
    } catch (IOException e) {
      System.out.println("  [10M] output lost: " + e);
    }
  }
}
