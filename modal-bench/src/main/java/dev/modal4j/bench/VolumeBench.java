package dev.modal4j.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Volume file throughput: a {@code --volume-mib} MiB file on disk uploaded to a named volume and
 * read back, through the SDK ({@code batchUpload().putFile}, {@code readFile} as a stream) and by
 * hand ({@link RawVolumeFloor}: raw stubs and java.net.http, the same bytes), on v2 and v1 volumes,
 * alternating floor and SDK each round. Every round changes the first bytes of each 8 MiB block, so
 * no side finds its blocks already stored. Both sides compute a CRC32C of what they read (checked
 * against the file's); best of {@code --volume-rounds} each.
 */
final class VolumeBench {
  private static final int BLOCK = RawVolumeFloor.BLOCK;

  private VolumeBench() {}

  static void run(RawConnection raw, SdkBindings sdk, BenchOptions o, Results results)
      throws Exception {
    Path dir = Files.createTempDirectory("modal4j-volume-bench");
    try {
      Path file = dir.resolve("big.bin");
      long bytes = o.volumeBytes();
      write(file, bytes);
      for (int version : new int[] {2, 1}) {
        measure(raw, sdk, o, results, file, bytes, version, dir);
      }
    } finally {
      try (Stream<Path> all = Files.walk(dir)) {
        all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void measure(
      RawConnection raw,
      SdkBindings sdk,
      BenchOptions o,
      Results results,
      Path file,
      long bytes,
      int version,
      Path dir)
      throws Exception {
    SdkBindings.VolumeSide side = sdk.volume("bench-volume-v" + version, version);
    RawVolumeFloor floor = new RawVolumeFloor(raw, side.volumeId(), version);
    double floorUp = 0;
    double floorDown = 0;
    double sdkUp = 0;
    double sdkDown = 0;
    double sdkToFile = 0;
    long floorHash = 0;
    long floorHttp = 0;
    for (int round = 0; round < o.volumeRounds(); round++) {
      mark(file, round * 2);
      long crc = crc(file);
      floor.hashNanos = 0;
      floor.httpNanos = 0;
      long t0 = System.nanoTime();
      floor.upload(file, "/floor.bin");
      double up = mbps(bytes, t0);
      if (up > floorUp) {
        floorUp = up;
        floorHash = floor.hashNanos;
        floorHttp = floor.httpNanos;
      }
      t0 = System.nanoTime();
      check(floor.download("/floor.bin"), crc, "floor");
      floorDown = Math.max(floorDown, mbps(bytes, t0));

      mark(file, round * 2 + 1);
      crc = crc(file);
      t0 = System.nanoTime();
      side.upload(file, "/sdk.bin");
      sdkUp = Math.max(sdkUp, mbps(bytes, t0));
      t0 = System.nanoTime();
      check(side.download("/sdk.bin"), crc, "SDK stream");
      sdkDown = Math.max(sdkDown, mbps(bytes, t0));
      Path copy = dir.resolve("copy.bin");
      t0 = System.nanoTime();
      side.downloadTo("/sdk.bin", copy);
      sdkToFile = Math.max(sdkToFile, mbps(bytes, t0));
      check(crc(copy), crc, "SDK download into a file");
      Files.delete(copy);
    }
    String p = "volume.v" + version + ".";
    results.add(p + "floor_upload_mb_per_s", floorUp, "MB/s");
    results.add(p + "sdk_upload_mb_per_s", sdkUp, "MB/s");
    results.add(p + "upload_sdk_over_floor", sdkUp / floorUp, "x", ">= 0.7");
    results.add(p + "floor_download_mb_per_s", floorDown, "MB/s");
    results.add(p + "sdk_download_mb_per_s", sdkDown, "MB/s");
    results.add(p + "download_sdk_over_floor", sdkDown / floorDown, "x", ">= 0.7");
    results.add(p + "sdk_download_to_file_mb_per_s", sdkToFile, "MB/s");
    results.note(
        "volume v"
            + version
            + ": "
            + (bytes >> 20)
            + " MiB; the floor's best upload spent "
            + floorHash / 1_000_000
            + " ms hashing and "
            + floorHttp / 1_000_000
            + " ms in HTTP PUTs (the rest in RPCs and file reads)");
  }

  private static double mbps(long bytes, long startNanos) {
    return bytes / 1e6 / ((System.nanoTime() - startNanos) / 1e9);
  }

  private static void check(long got, long expected, String who) {
    if (got != expected) {
      throw new IllegalStateException(who + " read back other bytes than were uploaded");
    }
  }

  /** Writes {@code bytes} pseudo-random bytes, 1 MiB at a time. */
  private static void write(Path file, long bytes) throws IOException {
    Random r = new Random(11);
    byte[] chunk = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long done = 0; done < bytes; done += chunk.length) {
        r.nextBytes(chunk);
        out.write(chunk, 0, (int) Math.min(chunk.length, bytes - done));
      }
    }
  }

  /** Stamps {@code round} into the first 8 bytes of every block, so every block hash changes. */
  private static void mark(Path file, int round) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      for (long pos = 0; pos + 8 <= ch.size(); pos += BLOCK) {
        ByteBuffer b = ByteBuffer.allocate(8).putInt(0x5eed0000 | round).putInt((int) (pos >> 20));
        b.flip();
        ch.write(b, pos);
      }
    }
  }

  static long crc(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return crc(in);
    }
  }

  static long crc(InputStream in) throws IOException {
    CRC32C crc = new CRC32C();
    byte[] buf = new byte[1 << 20];
    for (int n; (n = in.read(buf)) > 0; ) {
      crc.update(buf, 0, n);
    }
    return crc.getValue();
  }
}
