package dev.modal4j.internal.volumes;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The content hashes the two upload protocols need, computed in one streaming pass. */
final class Digests {
  private static final byte[] ZEROS = new byte[UploadSource.CHUNK];

  private Digests() {}

  /** A v2 block: {@code [start, end)} of the file, trailing zero bytes left out, and its hash. */
  record Block(long start, long end, byte[] sha256) {}

  /** The v1 content hashes of a whole file. */
  record Whole(byte[] sha256, byte[] md5) {}

  /**
   * Hashes {@code [start, start + length)} of {@code source} as a v2 block: the block's trailing
   * zero bytes are not part of it (Modal stores and hashes a block without them).
   */
  static Block block(UploadSource source, long start, long length) throws IOException {
    MessageDigest md = digest("SHA-256");
    long[] state = {start, start, 0}; // position, end of last non-zero byte, zeros held back
    source.read(
        start,
        length,
        (buf, off, len) -> {
          int last = off + len - 1;
          while (last >= off && buf[last] == 0) {
            last--;
          }
          if (last >= off) {
            feedZeros(md, state[2]);
            md.update(buf, off, last - off + 1);
            state[1] = state[0] + (last - off + 1);
            state[2] = off + len - 1 - last;
          } else {
            state[2] += len;
          }
          state[0] += len;
        });
    return new Block(start, state[1], md.digest());
  }

  /** SHA-256 and MD5 of the whole of {@code source}. */
  static Whole whole(UploadSource source) throws IOException {
    MessageDigest sha = digest("SHA-256");
    MessageDigest md5 = digest("MD5");
    source.read(
        0,
        source.size(),
        (buf, off, len) -> {
          sha.update(buf, off, len);
          md5.update(buf, off, len);
        });
    return new Whole(sha.digest(), md5.digest());
  }

  static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return sb.toString();
  }

  private static void feedZeros(MessageDigest md, long n) {
    while (n > 0) {
      int k = (int) Math.min(n, ZEROS.length);
      md.update(ZEROS, 0, k);
      n -= k;
    }
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is required by every JDK", e);
    }
  }
}
