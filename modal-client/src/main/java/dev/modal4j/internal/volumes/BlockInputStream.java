package dev.modal4j.internal.volumes;

import dev.modal4j.internal.Futures;
import dev.modal4j.internal.blob.BlockTransfer;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A volume file read block by block from the URLs VolumeGetFile2 answered, in order, with at most
 * {@code window} blocks downloading or downloaded at once (the block being read is one of them), so
 * memory stays at {@code window} block buffers whatever the file's size. Buffers are reused.
 * Closing cancels the downloads in flight. A failed download is thrown from {@code read} as the
 * {@code ModalException} it failed with.
 */
final class BlockInputStream extends InputStream {
  private final BlockTransfer transfer;
  private final List<String> urls;
  private final long[] lengths;
  private final int window;
  private final ArrayDeque<CompletableFuture<byte[]>> ahead = new ArrayDeque<>();
  private final ArrayDeque<byte[]> spare = new ArrayDeque<>();
  private int nextBlock;
  private int readBlock = -1;
  private byte[] current;
  private int pos;
  private int limit;
  private boolean closed;

  BlockInputStream(BlockTransfer transfer, List<String> urls, long[] lengths, int window) {
    this.transfer = transfer;
    this.urls = urls;
    this.lengths = lengths;
    this.window = Math.max(1, window);
    fill();
  }

  private void fill() {
    int held = current == null ? 0 : 1;
    while (ahead.size() + held < window && nextBlock < urls.size()) {
      int len = (int) lengths[nextBlock];
      byte[] buf = spare.poll();
      if (buf == null || buf.length < len) {
        buf = new byte[len];
      }
      ahead.add(transfer.get(urls.get(nextBlock), buf, len));
      nextBlock++;
    }
  }

  private boolean advance() {
    if (current != null) {
      spare.offer(current);
      current = null;
    }
    fill();
    CompletableFuture<byte[]> f = ahead.poll();
    if (f == null) {
      return false;
    }
    byte[] b;
    try {
      b = Futures.join(f);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    readBlock++;
    current = b;
    pos = 0;
    limit = (int) lengths[readBlock];
    fill();
    return true;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    if (closed) {
      throw new IOException("the volume file stream is closed");
    }
    if (len == 0) {
      return 0;
    }
    while (current == null || pos == limit) {
      if (!advance()) {
        return -1;
      }
    }
    int n = Math.min(len, limit - pos);
    System.arraycopy(current, pos, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public int available() {
    return current == null ? 0 : limit - pos;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    ahead.forEach(f -> f.cancel(true));
    ahead.clear();
    spare.clear();
    current = null;
  }
}
