package dev.modal4j.testing.volumes;

import java.io.InputStream;

/**
 * Deterministic pseudo-random bytes of a given total length, readable from any offset without
 * holding them: byte {@code i} depends only on {@code i}.
 */
final class PatternStream extends InputStream {
  private final long end;
  private long pos;

  PatternStream(long offset, long size) {
    this.pos = offset;
    this.end = size;
  }

  static byte at(long i) {
    long z = (i >>> 3) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    return (byte) (z >>> ((i & 7) * 8));
  }

  @Override
  public int read() {
    return pos < end ? at(pos++) & 0xff : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (pos >= end) {
      return -1;
    }
    int n = (int) Math.min(len, end - pos);
    for (int i = 0; i < n; i++) {
      b[off + i] = at(pos++);
    }
    return n;
  }
}
