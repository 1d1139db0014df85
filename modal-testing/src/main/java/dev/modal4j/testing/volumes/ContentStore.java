package dev.modal4j.testing.volumes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Uploaded content not yet (or no longer only) part of a volume file, kept on disk by the
 * lower-case hex SHA-256 of its bytes: v2 blocks and v1 whole files. Bounded: past {@code maxBytes}
 * the least recently used entries are deleted, as uploads Modal never saw committed expire. The
 * empty content is always present.
 */
final class ContentStore {
  /** The hex SHA-256 of no bytes. */
  static final String EMPTY = hex(sha256().digest());

  private static final int CHUNK = 64 * 1024;

  private final java.util.function.Supplier<Path> dirs;
  private Path dir;
  private final long maxBytes;
  private final Map<String, Long> sizes = new LinkedHashMap<>(16, 0.75f, true);
  private long storedBytes;

  /** Thrown when content does not hash to the name it was stored under. */
  static final class DigestMismatch extends Exception {
    private static final long serialVersionUID = 1L;

    DigestMismatch(String message) {
      super(message);
    }
  }

  /** Thrown when content is longer than allowed. */
  static final class TooLarge extends Exception {
    private static final long serialVersionUID = 1L;

    TooLarge(String message) {
      super(message);
    }
  }

  /** {@code dir} gives the store's directory; asked on first use only. */
  ContentStore(java.util.function.Supplier<Path> dir, long maxBytes) {
    this.dirs = dir;
    this.maxBytes = maxBytes;
  }

  private synchronized Path dir() {
    if (dir == null) {
      dir = dirs.get();
    }
    return dir;
  }

  /** Whether content with this hash is stored. */
  synchronized boolean has(String sha256Hex) {
    return sha256Hex.equals(EMPTY) || sizes.get(sha256Hex) != null;
  }

  /** The file holding this content, if stored (the empty content has none). */
  synchronized Optional<Path> file(String sha256Hex) {
    return sizes.get(sha256Hex) == null ? Optional.empty() : Optional.of(dir().resolve(sha256Hex));
  }

  /**
   * Stores what {@code in} yields, streamed through a temporary file, if it hashes to {@code
   * sha256Hex} and is at most {@code maxLength} bytes.
   */
  void put(InputStream in, long maxLength, String sha256Hex) throws DigestMismatch, TooLarge {
    Path tmp = dir().resolve("tmp-" + UUID.randomUUID());
    try {
      MessageDigest digest = sha256();
      long length = 0;
      try (OutputStream out = Files.newOutputStream(tmp)) {
        byte[] buf = new byte[CHUNK];
        int n;
        while ((n = in.read(buf)) > 0) {
          length += n;
          if (length > maxLength) {
            throw new TooLarge("content is longer than " + maxLength + " bytes");
          }
          digest.update(buf, 0, n);
          out.write(buf, 0, n);
        }
      }
      String actual = hex(digest.digest());
      if (!actual.equals(sha256Hex)) {
        throw new DigestMismatch(
            "content hashes to sha256 " + actual + ", not to " + sha256Hex + " as named");
      }
      adopt(tmp, sha256Hex, length);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store content " + sha256Hex, e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        // a leftover temporary file goes with the emulator's directory
      }
    }
  }

  /** Stores {@code content} if it hashes to {@code sha256Hex}. */
  void put(byte[] content, String sha256Hex) throws DigestMismatch {
    try {
      put(new java.io.ByteArrayInputStream(content), Long.MAX_VALUE, sha256Hex);
    } catch (TooLarge e) {
      throw new IllegalStateException(e);
    }
  }

  /** Forgets content whose file turned out to be gone. */
  synchronized void forget(String sha256Hex) {
    Long size = sizes.remove(sha256Hex);
    if (size != null) {
      storedBytes -= size;
    }
  }

  /** How many bytes are stored now. */
  synchronized long storedBytes() {
    return storedBytes;
  }

  private void adopt(Path tmp, String sha256Hex, long length) throws IOException {
    synchronized (this) {
      Files.move(
          tmp,
          dir().resolve(sha256Hex),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      Long old = sizes.put(sha256Hex, length);
      storedBytes += length - (old == null ? 0 : old);
      Iterator<Map.Entry<String, Long>> it = sizes.entrySet().iterator();
      while (storedBytes > maxBytes && it.hasNext()) {
        Map.Entry<String, Long> eldest = it.next();
        if (eldest.getKey().equals(sha256Hex)) {
          continue;
        }
        storedBytes -= eldest.getValue();
        it.remove();
        try {
          Files.deleteIfExists(dir().resolve(eldest.getKey()));
        } catch (NoSuchFileException e) {
          // already gone
        }
      }
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
