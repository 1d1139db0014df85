package dev.modal4j.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** The bench's command-line flags, all optional; defaults are the documented run. */
record BenchOptions(
    Path emulatorJar,
    List<String> emulatorJvmArgs,
    Path resultsFile,
    boolean writeResults,
    Set<String> parts,
    int remoteWarmup,
    int remoteCalls,
    int mapWarmup,
    int mapInputs,
    int mapRounds,
    int mapFloorPuts,
    int map10mInputs,
    int map10mTimeoutSeconds,
    int blobMiB,
    int blobRounds,
    int sandboxMiB,
    int sandboxEchoWarmup,
    int sandboxEchoCalls,
    int sandboxCreates,
    String sandboxBackend,
    int sandboxRounds,
    int fsMiB,
    int volumeMiB,
    int volumeRounds,
    List<String> commandLine) {

  static final Set<String> ALL_PARTS =
      Set.of("remote", "map", "map10m", "blob", "queue", "sandbox", "volume");

  static final String USAGE =
      String.join(
          "\n",
          "usage: java -jar modal-bench/target/modal-bench.jar [flags]   (from the repository root)",
          "  --emulator-jar PATH        default modal-testing/target/modal-emulator.jar",
          "  --emulator-jvm-args ARGS   JVM flags for the emulator, space separated (default -Xmx1g)",
          "  --results PATH             default modal-bench/RESULTS.md",
          "  --no-write                 print the figures only, leave RESULTS.md alone",
          "  --only remote,map,map10m,blob,queue,sandbox,volume   run only these parts (default all)",
          "  --remote-warmup N (3000)  --remote-calls N (5000 per side, measured)",
          "  --map-warmup N (100000)   --map-inputs N (1000000)  --map-rounds N (2: raw,sdk,sdk,raw)",
          "  --map-floor-puts N (8)    FunctionPutInputs the raw map floor keeps in flight",
          "  --map10m-inputs N (10000000)  --map10m-timeout-s N (1800)",
          "  --blob-mib N (64)  --blob-rounds N (5 per side, measured)",
          "  --sandbox-mib N (256)  --sandbox-echo-warmup N (50)  --sandbox-echo-calls N (300)",
          "  --sandbox-creates N (20)  --sandbox-backend process|docker|auto (process)",
          "  --sandbox-rounds N (3 pairs of 256 MiB reads, raw and SDK)",
          "  --fs-mib N (64)  sandbox filesystem write and read size (SDK and JS, best of 3)",
          "  --volume-mib N (256)  --volume-rounds N (3)  volume file upload/download, v2 and v1");

  /** Parses the flags; throws IllegalArgumentException with the usage text on a bad flag. */
  static BenchOptions parse(String[] args) {
    Path jar = Path.of("modal-testing/target/modal-emulator.jar");
    List<String> jvmArgs = List.of("-Xmx1g");
    Path results = Path.of("modal-bench/RESULTS.md");
    boolean write = true;
    Set<String> parts = ALL_PARTS;
    int[] n = {
      3000, 5000, 100_000, 1_000_000, 10_000_000, 1800, 64, 5, 2, 8, 256, 50, 300, 20, 3, 64, 256, 3
    };
    String backend = "process";
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--no-write")) {
        write = false;
        continue;
      }
      if (flag.equals("--help") || i + 1 >= args.length) {
        throw new IllegalArgumentException(USAGE);
      }
      String v = args[++i];
      switch (flag) {
        case "--emulator-jar" -> jar = Path.of(v);
        case "--emulator-jvm-args" ->
            jvmArgs = v.isBlank() ? List.of() : List.of(v.trim().split("\\s+"));
        case "--results" -> results = Path.of(v);
        case "--only" -> parts = parts(v);
        case "--remote-warmup" -> n[0] = positive(flag, v);
        case "--remote-calls" -> n[1] = positive(flag, v);
        case "--map-warmup" -> n[2] = positive(flag, v);
        case "--map-inputs" -> n[3] = positive(flag, v);
        case "--map10m-inputs" -> n[4] = positive(flag, v);
        case "--map10m-timeout-s" -> n[5] = positive(flag, v);
        case "--blob-mib" -> n[6] = positive(flag, v);
        case "--blob-rounds" -> n[7] = positive(flag, v);
        case "--map-rounds" -> n[8] = positive(flag, v);
        case "--map-floor-puts" -> n[9] = positive(flag, v);
        case "--sandbox-mib" -> n[10] = positive(flag, v);
        case "--sandbox-echo-warmup" -> n[11] = positive(flag, v);
        case "--sandbox-echo-calls" -> n[12] = positive(flag, v);
        case "--sandbox-creates" -> n[13] = positive(flag, v);
        case "--sandbox-backend" -> backend = backend(v);
        case "--sandbox-rounds" -> n[14] = positive(flag, v);
        case "--fs-mib" -> n[15] = positive(flag, v);
        case "--volume-mib" -> n[16] = positive(flag, v);
        case "--volume-rounds" -> n[17] = positive(flag, v);
        default -> throw new IllegalArgumentException("unknown flag " + flag + "\n" + USAGE);
      }
    }
    return new BenchOptions(
        jar,
        jvmArgs,
        results,
        write,
        parts,
        n[0],
        n[1],
        n[2],
        n[3],
        n[8],
        n[9],
        n[4],
        n[5],
        n[6],
        n[7],
        n[10],
        n[11],
        n[12],
        n[13],
        backend,
        n[14],
        n[15],
        n[16],
        n[17],
        List.of(args));
  }

  /** The stdout size of the throughput exec, in bytes. */
  long sandboxBytes() {
    return (long) sandboxMiB << 20;
  }

  /** The size of the filesystem write and read, in bytes. */
  long fsBytes() {
    return (long) fsMiB << 20;
  }

  /** The size of the volume file uploaded and downloaded, in bytes. */
  long volumeBytes() {
    return (long) volumeMiB << 20;
  }

  boolean runs(String part) {
    return parts.contains(part);
  }

  private static Set<String> parts(String v) {
    Set<String> s = Set.of(v.split(","));
    if (!ALL_PARTS.containsAll(s)) {
      throw new IllegalArgumentException("--only takes a subset of " + ALL_PARTS + ", got " + v);
    }
    return s;
  }

  private static String backend(String v) {
    if (!Set.of("process", "docker", "auto").contains(v)) {
      throw new IllegalArgumentException(
          "--sandbox-backend takes process, docker or auto, got " + v);
    }
    return v;
  }

  private static int positive(String flag, String v) {
    try {
      int x = Integer.parseInt(v.replace("_", ""));
      if (x > 0) {
        return x;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(flag + " needs a positive integer, got " + v);
  }
}
