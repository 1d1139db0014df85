package dev.modal4j.bench;

/**
 * The 10,000,000-input map, meant to run in its own JVM under {@code -Xmx128m}:
 *
 * <pre>{@code
 * java -Xmx128m -cp modal-bench/target/modal-bench.jar dev.modal4j.bench.Map10M <url> [n] [sdk|raw]
 * }</pre>
 *
 * <p>Maps {@code square} over a lazy stream of {@code n} inputs (default 10,000,000) through the
 * SDK ({@code sdk}, the default) or through the raw floor ({@code raw}, for comparison), checks
 * every output (exactly once, correct value, checksum), and exits 0 only if all of it holds.
 */
public final class Map10M {

  private Map10M() {}

  /**
   * Runs the map; exit code 0 if every output arrived exactly once and correct, 1 if not (or if the
   * map failed), 2 on bad arguments.
   *
   * @param args the emulator URL, then optionally the input count and {@code sdk} or {@code raw}
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: Map10M <server-url> [inputs] [sdk|raw]");
      System.exit(2);
    }
    String url = args[0];
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 10_000_000;
    String mode = args.length > 2 ? args[2] : "sdk";
    long t0 = System.nanoTime();
    MapTally tally;
    if (mode.equals("raw")) {
      try (RawConnection c = new RawConnection(url, BenchMain.TOKEN_ID, BenchMain.TOKEN_SECRET)) {
        RawMapFloor floor = new RawMapFloor(c, BenchMain.APP, "square", 8);
        tally = floor.run(n);
        System.out.println("Map10M raw: " + floor.stats());
      }
    } else {
      try (SdkBindings sdk = SdkBindings.open(url)) {
        tally = sdk.map("square").run(n);
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    Runtime rt = Runtime.getRuntime();
    System.out.printf(
        "Map10M %s: %d inputs in %.1f s (%.0f inputs/s), max heap %d MiB; %s%n",
        mode, n, seconds, n / seconds, rt.maxMemory() >> 20, tally.summary());
    System.exit(tally.verified() ? 0 : 1);
  }
}
