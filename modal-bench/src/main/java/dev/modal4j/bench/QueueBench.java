package dev.modal4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Queue throughput: 100,000 small items through putMany and getMany (batches of 5,000, each batch
 * put then drained), by the SDK and by Modal's JS SDK 0.11.1 against the same emulator in the same
 * run: rounds sdk, js, js, sdk, the best of each side reported. The JS side needs {@code npm ci} in
 * modal-testing/src/test/js (the interop suite does it).
 */
final class QueueBench {
  static final int ITEMS = 100_000;
  static final int BATCH = 5_000;
  private static final Path JS_DIR = Path.of("modal-testing/src/test/js");
  private static final String JS_SCRIPT = "bench/queue_bench.mjs";

  /** n items through one queue in batches; returns how many came back in order. */
  @FunctionalInterface
  interface RoundTrip {
    long run(int n, int batch) throws Exception;
  }

  private QueueBench() {}

  static void run(String url, RoundTrip sdk, Results results) throws Exception {
    sdk.run(BATCH * 4, BATCH); // warm-up of the SDK and of the emulator
    boolean jsAvailable = Files.isDirectory(JS_DIR.resolve("node_modules/modal"));
    if (!jsAvailable) {
      results.note("queue: JS peer skipped: run `npm ci` in " + JS_DIR);
    }
    // rounds in the order sdk, js, js, sdk so that neither side gets the warmer emulator; best of 2
    double sdkBest = 0;
    double jsBest = 0;
    for (String side : List.of("sdk", "js", "js", "sdk")) {
      if (side.equals("js")) {
        if (jsAvailable) {
          jsBest = Math.max(jsBest, js(url));
        }
        continue;
      }
      long start = System.nanoTime();
      long seen = sdk.run(ITEMS, BATCH);
      double secs = (System.nanoTime() - start) / 1e9;
      if (seen != ITEMS) {
        throw new IllegalStateException("SDK queue round trip saw " + seen + " of " + ITEMS);
      }
      sdkBest = Math.max(sdkBest, ITEMS / secs);
    }
    results.add("queue.sdk_items_per_s", sdkBest, "items/s");
    if (jsAvailable) {
      results.add("queue.js_items_per_s", jsBest, "items/s");
      results.add("queue.sdk_over_js", sdkBest / jsBest, "x");
    }
  }

  private static double js(String url) throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(
                List.of("node", JS_SCRIPT, Integer.toString(ITEMS), Integer.toString(BATCH)))
            .directory(JS_DIR.toFile())
            .redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("MODAL_"));
    pb.environment().put("MODAL_SERVER_URL", url);
    pb.environment().put("MODAL_TOKEN_ID", BenchMain.TOKEN_ID);
    pb.environment().put("MODAL_TOKEN_SECRET", BenchMain.TOKEN_SECRET);
    pb.environment().put("MODAL_CONFIG_PATH", "/nonexistent/.modal.toml");
    Process p = pb.start();
    String out;
    try (var in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException("JS queue bench failed:\n" + out);
    }
    return out.lines()
        .filter(l -> l.startsWith("RESULT items_per_s "))
        .map(l -> Double.parseDouble(l.substring("RESULT items_per_s ".length()).trim()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no RESULT line from the JS bench:\n" + out));
  }
}
