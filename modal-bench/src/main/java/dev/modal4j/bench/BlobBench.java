package dev.modal4j.bench;

import java.util.Arrays;
import java.util.Random;

/**
 * A large payload round trip: {@code echo} of {@code --blob-mib} MiB of bytes through the SDK (an
 * argument blob up, a result blob down) against BlobCreate+PUT and BlobGet+GET of the same bytes.
 * Figures are medians of the measured rounds.
 */
final class BlobBench {

  private static final int WARMUP = 2;

  private BlobBench() {}

  /** Measures both sides and records the figures. */
  static void run(RawBlobFloor raw, Caller sdk, BenchOptions o, Results results) throws Exception {
    byte[] data = new byte[o.blobMiB() * 1024 * 1024];
    new Random(42).nextBytes(data);
    int rounds = o.blobRounds();
    long[] rawTotal = new long[rounds];
    long[][] rawParts = new long[3][rounds];
    long[] sdkTotal = new long[rounds];
    for (int i = -WARMUP; i < rounds; i++) {
      RawBlobFloor.Timing t = raw.roundTrip(data);
      long s = sdkRoundTrip(sdk, data);
      if (i >= 0) {
        rawTotal[i] = t.totalNanos();
        rawParts[0][i] = t.digestNanos();
        rawParts[1][i] = t.uploadNanos();
        rawParts[2][i] = t.downloadNanos();
        sdkTotal[i] = s;
      }
    }
    double rawMs = medianMs(rawTotal);
    results.add("blob.raw_ms", rawMs, "ms");
    results.add("blob.raw_digest_ms", medianMs(rawParts[0]), "ms");
    results.add("blob.raw_put_ms", medianMs(rawParts[1]), "ms");
    results.add("blob.raw_get_ms", medianMs(rawParts[2]), "ms");
    double sdkMs = medianMs(sdkTotal);
    results.add("blob.sdk_ms", sdkMs, "ms");
    results.add("blob.ratio", rawMs / sdkMs, "x", ">= 0.7");
  }

  private static long sdkRoundTrip(Caller sdk, byte[] data) throws Exception {
    long t0 = System.nanoTime();
    Object out = sdk.call(data);
    long elapsed = System.nanoTime() - t0;
    if (!(out instanceof byte[] bytes) || !Arrays.equals(bytes, data)) {
      throw new IllegalStateException("echo of the large payload returned different bytes");
    }
    return elapsed;
  }

  private static double medianMs(long[] nanos) {
    return new Percentiles(nanos).millis(50);
  }
}
