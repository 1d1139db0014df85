package dev.modal4j.bench;

import dev.modal4j.sandboxes.SandboxFilesystem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * Sandbox filesystem throughput, SDK and Modal's JS SDK 0.11.1 on the same emulator in the same
 * run: write {@code --fs-mib} MiB into a sandbox file (the SDK from a generated stream, never the
 * whole file in memory; JS from one buffer, as its API takes it), then read it back (the SDK
 * through {@code open}, JS with {@code readBytes}); every byte read is checked. Best of 3 each.
 */
final class FilesystemBench {
  private static final int ROUNDS = 3;
  private static final String PATH = "/tmp/modal4j-bench/fs.bin";

  private FilesystemBench() {}

  static void run(SdkBindings.SandboxSide side, String url, BenchOptions o, Results results)
      throws Exception {
    SandboxFilesystem fs = side.filesystem();
    long bytes = o.fsBytes();
    fs.write(PATH, new Pattern(8L << 20)); // warm-up
    read(fs, 8L << 20);
    double writeBest = 0;
    double readBest = 0;
    for (int i = 0; i < ROUNDS; i++) {
      long t0 = System.nanoTime();
      fs.write(PATH, new Pattern(bytes));
      writeBest = Math.max(writeBest, bytes / 1e6 / ((System.nanoTime() - t0) / 1e9));
      t0 = System.nanoTime();
      long n = read(fs, bytes);
      readBest = Math.max(readBest, bytes / 1e6 / ((System.nanoTime() - t0) / 1e9));
      if (n != bytes) {
        throw new IllegalStateException("read " + n + " of " + bytes + " bytes");
      }
    }
    results.add("sandbox.fs_write_mb_per_s", writeBest, "MB/s", "≥ 100");
    results.add("sandbox.fs_read_mb_per_s", readBest, "MB/s", "≥ 100");
    if (!Files.isDirectory(SandboxBench.JS_DIR.resolve("node_modules/modal"))) {
      results.note("sandbox: JS filesystem peer skipped: run `npm ci` in " + SandboxBench.JS_DIR);
      return;
    }
    Map<String, Double> js = SandboxBench.js(url, List.of("fs", Long.toString(bytes)));
    results.add("sandbox.js_fs_write_mb_per_s", js.get("fs_write_mb_per_s"), "MB/s");
    results.add("sandbox.js_fs_read_mb_per_s", js.get("fs_read_mb_per_s"), "MB/s");
    results.add("sandbox.fs_write_sdk_over_js", writeBest / js.get("fs_write_mb_per_s"), "x");
    results.add("sandbox.fs_read_sdk_over_js", readBest / js.get("fs_read_mb_per_s"), "x");
  }

  /** Reads the file through a stream, checking every byte against the pattern. */
  private static long read(SandboxFilesystem fs, long expected) throws IOException {
    byte[] buf = new byte[1 << 20];
    long n = 0;
    try (InputStream in = fs.open(PATH)) {
      for (int r; (r = in.read(buf, 0, buf.length)) != -1; ) {
        for (int i = 0; i < r; i++) {
          if (buf[i] != Pattern.at(n + i)) {
            throw new IllegalStateException("wrong byte at offset " + (n + i));
          }
        }
        n += r;
      }
    }
    if (n != expected) {
      throw new IllegalStateException("read " + n + " of " + expected + " bytes");
    }
    return n;
  }

  /** {@code size} bytes of a fixed pattern, generated as read. */
  private static final class Pattern extends InputStream {
    private final long size;
    private long pos;

    Pattern(long size) {
      this.size = size;
    }

    static byte at(long i) {
      return (byte) (i * 31 + (i >>> 12));
    }

    @Override
    public int read() {
      return pos < size ? at(pos++) & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos >= size) {
        return -1;
      }
      int n = (int) Math.min(len, size - pos);
      for (int i = 0; i < n; i++) {
        b[off + i] = at(pos + i);
      }
      pos += n;
      return n;
    }
  }
}
