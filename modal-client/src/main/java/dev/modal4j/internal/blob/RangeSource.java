package dev.modal4j.internal.blob;

import java.io.IOException;
import java.io.OutputStream;

/** Bytes that can be written out range by range, as often as a retried upload needs them. */
public interface RangeSource {

  /**
   * Writes {@code length} bytes starting at {@code offset} to {@code out}.
   *
   * @throws IOException if the bytes cannot be read (or end early) or the write fails
   */
  void copyTo(OutputStream out, long offset, long length) throws IOException;
}
