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
    BlockHasher h = new BlockHasher(start);
    source.read(start, length, h::update);
    return h.finish();
  }

  /**
   * Hashes one v2 block fed in consecutive chunks, from its first byte at {@code start}; trailing
   * zero bytes are held back until a non-zero byte follows them, so they are left out at the end.
   */
  static final class BlockHasher {
    private final MessageDigest md = digest("SHA-256");
    private final long start;
    private long position;
    private long end;
    private long zerosHeld;

    BlockHasher(long start) {
      this.start = start;
      this.position = start;
      this.end = start;
    }

    /** Feeds the next {@code len} bytes of the block. */
    void update(byte[] buf, int off, int len) {
      int last = off + len - 1;
      while (last >= off && buf[last] == 0) {
        last--;
      }
      if (last >= off) {
        feedZeros(md, zerosHeld);
        md.update(buf, off, last - off + 1);
        end = position + (last - off + 1);
        zerosHeld = off + len - 1 - last;
      } else {
        zerosHeld += len;
      }
      position += len;
    }

    /** The bytes fed so far. */
    long length() {
      return position - start;
    }

    /** The block. */
    Block finish() {
      return new Block(start, end, md.digest());
    }
  }

  /** SHA-256 and MD5 of bytes fed in consecutive chunks. */
  static final class WholeHasher {
    private final MessageDigest sha = digest("SHA-256");
    private final MessageDigest md5 = digest("MD5");

    /** Feeds the next {@code len} bytes. */
    void update(byte[] buf, int off, int len) {
      sha.update(buf, off, len);
      md5.update(buf, off, len);
    }

    /** The hashes. */
    Whole finish() {
      return new Whole(sha.digest(), md5.digest());
    }
  }

  /** SHA-256 and MD5 of the whole of {@code source}. */
  static Whole whole(UploadSource source) throws IOException {
    WholeHasher h = new WholeHasher();
    source.read(0, source.size(), h::update);
    return h.finish();
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
