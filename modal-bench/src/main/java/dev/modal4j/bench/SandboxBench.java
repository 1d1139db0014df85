package dev.modal4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Sandbox exec, SDK against the raw-stub floor and against Modal's JS SDK 0.11.1, all on the same
 * emulator in the same run: stdout throughput of {@code head -c 256MiB /dev/zero} (binary, every
 * byte checked), the round trip of {@code echo} (start, stdout to EOF, wait), and, SDK only,
 * sandbox create to first exec output. Throughput rounds alternate raw, sdk / sdk, raw (best of
 * each side over {@code --sandbox-rounds} pairs); echo round trips alternate raw and SDK blocks.
 */
final class SandboxBench {
  static final String IMAGE = "alpine:3.21";
  static final String APP = "modal4j-bench-sandbox";
  static final Path JS_DIR = Path.of("modal-testing/src/test/js");
  private static final String JS_SCRIPT = "bench/sandbox_bench.mjs";
  private static final List<String> ECHO = List.of("echo", "modal4j");

  /** One side's exec: read stdout to EOF and wait for exit 0. */
  interface ExecSide {
    /** Runs {@code command}; returns the stdout byte count, every byte checked to be zero. */
    long execZeros(List<String> command) throws Exception;

    /** Runs {@code command}; returns its stdout as text. */
    String execText(List<String> command) throws Exception;
  }

  /** Creates a sandbox, execs {@code echo}, and returns once its first output byte arrived. */
  @FunctionalInterface
  interface CreateToFirstOutput {
    void run() throws Exception;
  }

  private SandboxBench() {}

  static void run(
      ExecSide raw,
      ExecSide sdk,
      CreateToFirstOutput create,
      String url,
      BenchOptions o,
      Results results)
      throws Exception {
    long bytes = o.sandboxBytes();
    List<String> zeros = List.of("head", "-c", Long.toString(bytes), "/dev/zero");
    // warm-up: both sides, small
    List<String> small = List.of("head", "-c", Integer.toString(16 << 20), "/dev/zero");
    for (int i = 0; i < 2; i++) {
      raw.execZeros(small);
      sdk.execZeros(small);
    }
    double rawBest = 0;
    double sdkBest = 0;
    List<String> order = new ArrayList<>();
    for (int round = 0; round < o.sandboxRounds(); round++) {
      order.addAll(round % 2 == 0 ? List.of("raw", "sdk") : List.of("sdk", "raw"));
    }
    for (String side : order) {
      ExecSide s = side.equals("raw") ? raw : sdk;
      long t0 = System.nanoTime();
      long n = s.execZeros(zeros);
      double secs = (System.nanoTime() - t0) / 1e9;
      if (n != bytes) {
        throw new IllegalStateException(side + " read " + n + " of " + bytes + " bytes");
      }
      double mbps = bytes / 1e6 / secs;
      if (side.equals("raw")) {
        rawBest = Math.max(rawBest, mbps);
      } else {
        sdkBest = Math.max(sdkBest, mbps);
      }
    }
    results.add("sandbox.raw_stdout_mb_per_s", rawBest, "MB/s");
    results.add("sandbox.stdout_mb_per_s", sdkBest, "MB/s", "≥ 100");
    results.add("sandbox.stdout_ratio", sdkBest / rawBest, "x", "≥ 0.8");

    int warm = o.sandboxEchoWarmup();
    int measured = o.sandboxEchoCalls();
    for (int i = 0; i < warm; i++) {
      echo(raw);
      echo(sdk);
    }
    long[] rawTimes = new long[measured];
    long[] sdkTimes = new long[measured];
    int block = Math.max(1, measured / 10);
    for (int start = 0; start < measured; start += block) {
      int end = Math.min(measured, start + block);
      for (int i = start; i < end; i++) {
        rawTimes[i] = echo(raw);
      }
      for (int i = start; i < end; i++) {
        sdkTimes[i] = echo(sdk);
      }
    }
    Percentiles rawP = new Percentiles(rawTimes);
    Percentiles sdkP = new Percentiles(sdkTimes);
    results.add("sandbox.raw_echo_p50_ms", rawP.millis(50), "ms");
    results.add("sandbox.echo_p50_ms", sdkP.millis(50), "ms");
    results.add("sandbox.echo_p99_ms", sdkP.millis(99), "ms");
    results.add("sandbox.echo_p50_ratio", sdkP.millis(50) / rawP.millis(50), "x", "≤ 1.5");

    int creates = o.sandboxCreates();
    long[] createTimes = new long[creates];
    create.run(); // warm-up
    for (int i = 0; i < creates; i++) {
      long t0 = System.nanoTime();
      create.run();
      createTimes[i] = System.nanoTime() - t0;
    }
    results.add(
        "sandbox.create_to_first_output_p50_ms", new Percentiles(createTimes).millis(50), "ms");

    if (!Files.isDirectory(JS_DIR.resolve("node_modules/modal"))) {
      results.note("sandbox: JS peer skipped: run `npm ci` in " + JS_DIR);
      return;
    }
    Map<String, Double> jsRtt =
        js(url, List.of("rtt", Integer.toString(measured), Integer.toString(warm)));
    Map<String, Double> jsBytes = js(url, List.of("bytes", Long.toString(bytes)));
    double jsP50 = jsRtt.get("rtt_p50_ms");
    double jsMbps = jsBytes.get("mb_per_s");
    results.add("sandbox.js_echo_p50_ms", jsP50, "ms");
    results.add("sandbox.js_stdout_mb_per_s", jsMbps, "MB/s");
    results.add("sandbox.echo_p50_js_over_sdk", jsP50 / sdkP.millis(50), "x");
    results.add("sandbox.stdout_sdk_over_js", sdkBest / jsMbps, "x");
  }

  private static long echo(ExecSide side) throws Exception {
    long t0 = System.nanoTime();
    String out = side.execText(ECHO);
    long took = System.nanoTime() - t0;
    if (!out.equals("modal4j\n")) {
      throw new IllegalStateException("echo gave " + out);
    }
    return took;
  }

  /** Runs the JS peer with {@code args}; its RESULT lines as figures. */
  static Map<String, Double> js(String url, List<String> args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("node", JS_SCRIPT));
    command.addAll(args);
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(JS_DIR.toFile()).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("MODAL_"));
    pb.environment().put("MODAL_SERVER_URL", url);
    pb.environment().put("MODAL_TOKEN_ID", BenchMain.TOKEN_ID);
    pb.environment().put("MODAL_TOKEN_SECRET", BenchMain.TOKEN_SECRET);
    pb.environment().put("MODAL_CONFIG_PATH", "/nonexistent/.modal.toml");
    pb.environment().put("SANDBOX_IMAGE", IMAGE);
    Process p = pb.start();
    String out;
    try (var in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException("JS sandbox bench failed:\n" + out);
    }
    Map<String, Double> figures = new TreeMap<>();
    out.lines()
        .filter(l -> l.startsWith("RESULT "))
        .map(l -> l.substring("RESULT ".length()).trim().split("\\s+"))
        .forEach(kv -> figures.put(kv[0], Double.parseDouble(kv[1])));
    if (figures.isEmpty()) {
      throw new IllegalStateException("no RESULT line from the JS sandbox bench:\n" + out);
    }
    return figures;
  }
}
