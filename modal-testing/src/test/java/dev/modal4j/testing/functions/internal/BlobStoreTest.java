package dev.modal4j.testing.functions.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class BlobStoreTest {
  private static final int MIB = 1 << 20;

  @Test
  void largeBlobsGoToFilesAndSmallOnesStayOnTheHeap() throws Exception {
    try (BlobStore store = new BlobStore(64L * MIB)) {
      long length = 24L * MIB;
      reserveAndPut(store, "bl-big", length, null);
      store.put("bl-small", new byte[] {1, 2, 3});

      BlobStore.Content big = store.content("bl-big");
      assertThat(big.length()).isEqualTo(length);
      assertThat(big.md5()).isEqualTo(md5Of(new Pattern(length)));
      assertThat(digestOf(big.open())).isEqualTo(md5Of(new Pattern(length)));
      assertThat(store.get("bl-small")).containsExactly(1, 2, 3);
      // the big blob streamed into a file: heap growth stays far under its size
      assertThat(liveHeapAfter(() -> reserveAndPut(store, "bl-big2", 48L * MIB, null)))
          .isLessThan(16L * MIB);
    }
  }

  @Test
  void aShortBodyOrAWrongDigestStoresNothing() throws Exception {
    try (BlobStore store = new BlobStore(64L * MIB)) {
      store.reserve("bl-short", 10L * MIB);
      assertThatThrownBy(() -> store.putFrom("bl-short", new Pattern(9L * MIB), 10L * MIB, null))
          .isInstanceOf(BlobStore.Rejected.class)
          .hasMessageStartingWith("IncompleteBody");
      byte[] wrong = new byte[16];
      assertThatThrownBy(() -> store.putFrom("bl-short", new Pattern(10L * MIB), 10L * MIB, wrong))
          .isInstanceOf(BlobStore.Rejected.class)
          .hasMessageStartingWith("BadDigest");
      assertThatThrownBy(() -> store.putFrom("bl-short", new Pattern(20), 10, null))
          .isInstanceOf(BlobStore.Rejected.class);
      assertThat(store.contains("bl-short")).isFalse();
      assertThat(store.reservedLength("bl-short")).isEqualTo(10L * MIB);
    }
  }

  @Test
  void pastTheDiskBudgetTheLeastRecentlyUsedFileIsDropped() throws Exception {
    try (BlobStore store = new BlobStore(64L * MIB, 20L * MIB)) {
      reserveAndPut(store, "bl-1", 9L * MIB, null);
      reserveAndPut(store, "bl-2", 9L * MIB, null);
      store.content("bl-1"); // used: bl-2 is now the eldest
      reserveAndPut(store, "bl-3", 9L * MIB, null);
      assertThat(store.contains("bl-1")).isTrue();
      assertThat(store.contains("bl-2")).isFalse();
      assertThat(store.contains("bl-3")).isTrue();
    }
  }

  @Test
  void closeRemovesTheFilesAndRefusesLaterUploads() throws Exception {
    BlobStore store = new BlobStore(64L * MIB);
    reserveAndPut(store, "bl-1", 9L * MIB, null);
    BlobStore.Content c = store.content("bl-1");
    store.close();
    assertThat(store.contains("bl-1")).isFalse();
    assertThatThrownBy(c::open).isInstanceOf(IOException.class);
    store.reserve("bl-2", 9L * MIB);
    assertThatThrownBy(() -> store.putFrom("bl-2", new Pattern(9L * MIB), 9L * MIB, null))
        .isInstanceOf(IOException.class);
  }

  private static void reserveAndPut(BlobStore store, String id, long length, byte[] md5)
      throws Exception {
    store.reserve(id, length);
    byte[] got = store.putFrom(id, new Pattern(length), length, md5);
    assertThat(got).hasSize(16);
  }

  private interface Body {
    void run() throws Exception;
  }

  private static long liveHeapAfter(Body body) throws Exception {
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long before = rt.totalMemory() - rt.freeMemory();
    body.run();
    System.gc();
    return rt.totalMemory() - rt.freeMemory() - before;
  }

  private static byte[] md5Of(InputStream in) throws Exception {
    return digestOf(in);
  }

  private static byte[] digestOf(InputStream in) throws Exception {
    MessageDigest d = MessageDigest.getInstance("MD5");
    try (in) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) != -1; ) {
        d.update(buf, 0, n);
      }
    }
    return d.digest();
  }

  /** {@code size} bytes of a fixed pattern, generated as read. */
  private static final class Pattern extends InputStream {
    private final long size;
    private long pos;

    Pattern(long size) {
      this.size = size;
    }

    @Override
    public int read() {
      return pos < size ? (int) (pos++ * 31 & 0xff) : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos >= size) {
        return -1;
      }
      int n = (int) Math.min(len, size - pos);
      for (int i = 0; i < n; i++) {
        b[off + i] = (byte) ((pos + i) * 31);
      }
      pos += n;
      return n;
    }
  }
}
