package dev.modal4j.testing.functions.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * In-memory blob storage. Blobs are reserved by BlobCreate, filled by an HTTP PUT (or directly for
 * outputs) and read by id. Memory is bounded: when stored bytes exceed the cap, the least recently
 * used blobs are dropped, as an object store's expiry would.
 */
public final class BlobStore {
  private final long maxBytes;
  private final Map<String, byte[]> blobs = new LinkedHashMap<>(16, 0.75f, true);
  private final Map<String, Long> reserved = new LinkedHashMap<>();
  private long storedBytes;

  /** Creates a store holding at most {@code maxBytes} of blob content. */
  public BlobStore(long maxBytes) {
    this.maxBytes = maxBytes;
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
  public synchronized void put(String blobId, byte[] content) {
    reserved.remove(blobId);
    byte[] old = blobs.put(blobId, content);
    storedBytes += content.length - (old == null ? 0 : old.length);
    Iterator<Map.Entry<String, byte[]>> it = blobs.entrySet().iterator();
    while (storedBytes > maxBytes && it.hasNext()) {
      Map.Entry<String, byte[]> eldest = it.next();
      if (eldest.getKey().equals(blobId)) {
        continue;
      }
      storedBytes -= eldest.getValue().length;
      it.remove();
    }
  }

  /** The content of a blob, or null if it does not exist (or has expired). */
  public synchronized byte[] get(String blobId) {
    return blobs.get(blobId);
  }

  /** Drops a blob's content (its owner expired); unknown ids are ignored. */
  public synchronized void remove(String blobId) {
    byte[] old = blobs.remove(blobId);
    if (old != null) {
      storedBytes -= old.length;
    }
  }

  /** Whether a blob has content. */
  public synchronized boolean contains(String blobId) {
    return blobs.containsKey(blobId);
  }
}
