package dev.modal4j.sandboxes;

import dev.modal4j.internal.sandbox.FsErrors.Op;
import java.io.InputStream;

/**
 * A sandbox file being read by the filesystem tool, from {@link SandboxFilesystem#open(String)}:
 * the tool's stdout, fetched as it is read. At the end the tool's exit status is checked, so a
 * failure is never mistaken for a short file.
 */
final class FileStream extends InputStream {
  private final ContainerProcess process;
  private final SandboxInputStream out;
  private final String path;
  private int first = -2;
  private boolean ended;

  FileStream(ContainerProcess process, String path) {
    this.process = process;
    this.out = process.stdout();
    this.path = path;
  }

  /** Waits for the first byte or the end; a failed read is thrown here. */
  void awaitFirst() {
    first = out.read();
    if (first < 0) {
      end();
    }
  }

  private void end() {
    if (!ended) {
      ended = true;
      SandboxFilesystem.finish(process, Op.READ, path);
    }
  }

  @Override
  public int read() {
    if (first >= 0) {
      int b = first;
      first = -2;
      return b;
    }
    if (first == -1) {
      return -1;
    }
    int b = out.read();
    if (b < 0) {
      end();
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    if (first >= 0) {
      b[off] = (byte) first;
      first = -2;
      return 1;
    }
    if (first == -1) {
      return -1;
    }
    int n = out.read(b, off, len);
    if (n < 0) {
      end();
    }
    return n;
  }

  @Override
  public void close() {
    out.close();
  }
}
