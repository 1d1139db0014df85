package dev.modal4j.testing.functions.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Blob storage. Blobs are reserved by BlobCreate, filled by an HTTP PUT (or directly for outputs)
 * and read by id. Small blobs live on the heap, blobs of {@value #SPILL_BYTES} bytes or more in
 * files of a directory of their own (made on first use, removed by {@link #close()}), so a large
 * upload never sits on the heap. Both are bounded: past either budget the least recently used blobs
 * are dropped, as an object store's expiry would.
 */
public final class BlobStore implements AutoCloseable {
  /** Blobs this long or longer are kept in files. */
  public static final long SPILL_BYTES = 8L << 20;

  /** The disk budget unless set otherwise. */
  public static final long DEFAULT_DISK_BYTES = 16L << 30;

  private static final int CHUNK = 64 * 1024;

  private final long maxBytes;
  private final long maxDiskBytes;
  private final Map<String, Blob> blobs = new LinkedHashMap<>(16, 0.75f, true);
  private final Map<String, Long> reserved = new LinkedHashMap<>();
  private long storedBytes;
  private long diskBytes;
  private Path dir;
  private boolean closed;

  /**
   * A stored blob: its bytes on the heap or its file, with its length and MD5 (null until asked for
   * a heap blob stored by {@link #put}, as most outputs are never downloaded).
   */
  private static final class Blob {
    final byte[] memory;
    final Path file;
    final long length;
    private volatile byte[] md5;

    Blob(byte[] memory, Path file, long length, byte[] md5) {
      this.memory = memory;
      this.file = file;
      this.length = length;
      this.md5 = md5;
    }

    byte[] md5() {
      byte[] m = md5;
      if (m == null) {
        m = BlobStore.md5(memory);
        md5 = m;
      }
      return m;
    }
  }

  /** What a blob holds, for a download: open it, know its length and MD5 first. */
  public static final class Content {
    private final Blob blob;

    Content(Blob blob) {
      this.blob = blob;
    }

    /** The blob's length in bytes. */
    public long length() {
      return blob.length;
    }

    /** The MD5 of the blob's bytes (for a blob stored by {@link #put}, computed on first ask). */
    public byte[] md5() {
      return blob.md5().clone();
    }

    /**
     * Its bytes from the start (a file blob dropped meanwhile stays readable to a stream already
     * open).
     *
     * @throws NoSuchFileException if the blob was dropped before this was called
     */
    public InputStream open() throws IOException {
      return blob.memory != null
          ? new ByteArrayInputStream(blob.memory)
          : Files.newInputStream(blob.file);
    }
  }

  /** An upload refused: {@code code} is the S3-like reason, the message says more. */
  public static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;
    private final String code;

    Rejected(String code, String message) {
      super(code + ": " + message);
      this.code = code;
    }

    /** {@code IncompleteBody} or {@code BadDigest}. */
    public String code() {
      return code;
    }
  }

  /** Creates a store holding at most {@code maxBytes} of blob content on the heap. */
  public BlobStore(long maxBytes) {
    this(maxBytes, DEFAULT_DISK_BYTES);
  }

  /**
   * Creates a store holding at most {@code maxBytes} of blob content on the heap and {@code
   * maxDiskBytes} in files.
   */
  public BlobStore(long maxBytes, long maxDiskBytes) {
    this.maxBytes = maxBytes;
    this.maxDiskBytes = maxDiskBytes;
  }

  /** Reserves an id for an upload of {@code length} bytes. */
  public synchronized void reserve(String blobId, long length) {
    reserved.put(blobId, length);
    if (reserved.size() > 100_000) {
      Iterator<String> oldest = reserved.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
  }

  /** The declared length of a reserved, not yet uploaded blob, or -1 if not reserved. */
  public synchronized long reservedLength(String blobId) {
    Long length = reserved.get(blobId);
    return length == null ? -1 : length;
  }

  /** Stores the content of a blob (replacing any earlier content). */
  public void put(String blobId, byte[] content) {
    if (content.length < SPILL_BYTES) {
      adopt(blobId, new Blob(content, null, content.length, null));
      return;
    }
    try {
      putFrom(blobId, new ByteArrayInputStream(content), content.length, null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store blob " + blobId, e);
    } catch (Rejected e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Stores exactly {@code length} bytes read from {@code in} as the blob's content (streamed into a
   * file when large), if their MD5 is {@code expectedMd5} (null: not checked).
   *
   * @return the MD5 of the bytes stored
   * @throws Rejected if {@code in} holds fewer or more bytes, or the digest differs; nothing is
   *     stored then
   * @throws IOException if reading {@code in} or writing the file fails
   */
  public byte[] putFrom(String blobId, InputStream in, long length, byte[] expectedMd5)
      throws IOException, Rejected {
    MessageDigest digest = newMd5();
    if (length < SPILL_BYTES) {
      byte[] content = in.readNBytes((int) length);
      if (content.length != length || in.read() != -1) {
        throw new Rejected("IncompleteBody", "expected " + length + " bytes");
      }
      byte[] md5 = digest.digest(content);
      check(md5, expectedMd5);
      adopt(blobId, new Blob(content, null, length, md5));
      return md5;
    }
    Path file = directory().resolve(UUID.randomUUID().toString());
    boolean kept = false;
    try {
      long n = 0;
      try (OutputStream out = Files.newOutputStream(file)) {
        byte[] buf = new byte[CHUNK];
        for (int r; (r = in.read(buf)) != -1; ) {
          n += r;
          if (n > length) {
            break;
          }
          digest.update(buf, 0, r);
          out.write(buf, 0, r);
        }
      }
      if (n != length) {
        throw new Rejected("IncompleteBody", "expected " + length + " bytes");
      }
      byte[] md5 = digest.digest();
      check(md5, expectedMd5);
      adopt(blobId, new Blob(null, file, length, md5));
      kept = true;
      return md5;
    } finally {
      if (!kept) {
        Files.deleteIfExists(file);
      }
    }
  }

  private static void check(byte[] md5, byte[] expected) throws Rejected {
    if (expected != null && !MessageDigest.isEqual(md5, expected)) {
      throw new Rejected("BadDigest", "Content-MD5 does not match the body");
    }
  }

  /** The content of a blob read whole, or null if it does not exist (or has expired). */
  public byte[] get(String blobId) {
    Content c = content(blobId);
    if (c == null) {
      return null;
    }
    if (c.blob.memory != null) {
      return c.blob.memory;
    }
    try (InputStream in = c.open()) {
      return in.readAllBytes();
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read blob " + blobId, e);
    }
  }

  /** What the blob holds, to stream it, or null if it does not exist (or has expired). */
  public synchronized Content content(String blobId) {
    Blob b = blobs.get(blobId);
    return b == null ? null : new Content(b);
  }

  /** Drops a blob's content (its owner expired); unknown ids are ignored. */
  public void remove(String blobId) {
    Blob old;
    synchronized (this) {
      old = blobs.remove(blobId);
      if (old != null) {
        account(old, -1);
      }
    }
    delete(old);
  }

  /** Whether a blob has content. */
  public synchronized boolean contains(String blobId) {
    return blobs.containsKey(blobId);
  }

  /** Drops every blob and removes the store's directory; later uploads are refused. */
  @Override
  public void close() {
    Path d;
    synchronized (this) {
      closed = true;
      blobs.clear();
      storedBytes = 0;
      diskBytes = 0;
      d = dir;
    }
    if (d == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(d)) {
      files.sorted(Comparator.reverseOrder()).forEach(BlobStore::deleteQuietly);
    } catch (IOException e) {
      // already gone
    }
  }

  private void adopt(String blobId, Blob blob) {
    List<Blob> dropped = new ArrayList<>();
    synchronized (this) {
      if (closed) {
        dropped.add(blob);
      } else {
        reserved.remove(blobId);
        Blob old = blobs.put(blobId, blob);
        if (old != null) {
          account(old, -1);
          dropped.add(old);
        }
        account(blob, 1);
        Iterator<Map.Entry<String, Blob>> it = blobs.entrySet().iterator();
        while ((storedBytes > maxBytes || diskBytes > maxDiskBytes) && it.hasNext()) {
          Map.Entry<String, Blob> eldest = it.next();
          if (eldest.getKey().equals(blobId)) {
            continue;
          }
          account(eldest.getValue(), -1);
          dropped.add(eldest.getValue());
          it.remove();
        }
      }
    }
    dropped.forEach(BlobStore::delete);
  }

  private void account(Blob b, int sign) {
    if (b.memory != null) {
      storedBytes += sign * b.length;
    } else {
      diskBytes += sign * b.length;
    }
  }

  /** A path for a scratch file named {@code name} in the store's directory (removed by close). */
  Path scratchFile(String name) throws IOException {
    return directory().resolve(name);
  }

  private synchronized Path directory() throws IOException {
    if (closed) {
      throw new IOException("the blob store is closed");
    }
    if (dir == null) {
      dir = Files.createTempDirectory("modal4j-blobs-");
    }
    return dir;
  }

  private static void delete(Blob b) {
    if (b != null && b.file != null) {
      deleteQuietly(b.file);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // left for the temporary directory's clean-up
    }
  }

  private static byte[] md5(byte[] content) {
    return newMd5().digest(content);
  }

  private static MessageDigest newMd5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
