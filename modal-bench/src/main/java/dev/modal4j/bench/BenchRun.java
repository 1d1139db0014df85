package dev.modal4j.bench;

/**
 * One run of the selected parts against one emulator. A part that fails is reported (its figures
 * NaN, the error as a note) and the others still run.
 */
final class BenchRun {

  private final String url;
  private final BenchOptions o;
  private final Results results;

  BenchRun(String url, BenchOptions o, Results results) {
    this.url = url;
    this.o = o;
    this.results = results;
  }

  /** Runs every selected part; returns false if any of them failed. */
  boolean runAll() throws Exception {
    boolean ok = true;
    try (RawConnection raw = new RawConnection(url, BenchMain.TOKEN_ID, BenchMain.TOKEN_SECRET);
        SdkBindings sdk = SdkBindings.open(url)) {
      if (o.runs("remote")) {
        ok &= part("remote", () -> remote(raw, sdk));
      }
      if (o.runs("map")) {
        ok &= part("map", () -> map(raw, sdk));
      }
      if (o.runs("blob")) {
        ok &= part("blob", () -> blob(raw, sdk));
      }
      if (o.runs("queue")) {
        ok &= part("queue", () -> QueueBench.run(url, sdk.queueRoundTrip(), results));
      }
      if (o.runs("sandbox")) {
        ok &= part("sandbox", () -> sandbox(raw, sdk));
      }
      if (o.runs("volume")) {
        ok &= part("volume", () -> VolumeBench.run(raw, sdk, o, results));
      }
    }
    if (o.runs("map10m")) {
      ok &= part("map10m", () -> ChildMap.run(url, o, results));
    }
    return ok;
  }

  private void remote(RawConnection raw, SdkBindings sdk) throws Exception {
    RawRemoteFloor floor = new RawRemoteFloor(raw, BenchMain.APP, "echo");
    RemoteBench.run(arg -> floor.call(arg, Object.class), sdk.remote("echo"), o, results);
  }

  private void map(RawConnection raw, SdkBindings sdk) throws Exception {
    RawMapFloor floor = new RawMapFloor(raw, BenchMain.APP, "square", o.mapFloorPuts());
    MapBench.run(floor::run, sdk.map("square"), o, results);
    results.note("raw map floor, all runs: " + floor.stats());
  }

  private void blob(RawConnection raw, SdkBindings sdk) throws Exception {
    BlobBench.run(new RawBlobFloor(raw), sdk.remote("echo"), o, results);
  }

  private void sandbox(RawConnection raw, SdkBindings sdk) throws Exception {
    results.note("sandbox: emulator sandbox backend " + o.sandboxBackend());
    try (RawSandboxFloor floor = new RawSandboxFloor(raw, SandboxBench.APP, SandboxBench.IMAGE);
        SdkBindings.SandboxSide side = sdk.sandbox(SandboxBench.APP, SandboxBench.IMAGE)) {
      SandboxBench.run(
          new SandboxBench.ExecSide() {
            @Override
            public long execZeros(java.util.List<String> command) {
              return floor.execZeros(command);
            }

            @Override
            public String execText(java.util.List<String> command) {
              return floor.execText(command);
            }
          },
          side,
          side::createToFirstOutput,
          url,
          o,
          results);
      FilesystemBench.run(side, url, o, results);
    }
  }

  private boolean part(String name, Part body) {
    System.out.println("== " + name);
    try {
      body.run();
      return true;
    } catch (Exception | Error e) {
      results.note(name + " failed: " + e);
      e.printStackTrace(System.out);
      return false;
    }
  }

  @FunctionalInterface
  private interface Part {
    void run() throws Exception;
  }
}
