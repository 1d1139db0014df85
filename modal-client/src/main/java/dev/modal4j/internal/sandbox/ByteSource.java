package dev.modal4j.internal.sandbox;

import com.google.protobuf.ByteString;

/** Output of a sandbox or a command, chunk by chunk, fetched only as it is read. */
public interface ByteSource {
  /**
   * The next non-empty chunk, waiting for it; null at the end of the output.
   *
   * @throws dev.modal4j.ModalException if the output cannot be read (a copy for this caller)
   */
  ByteString next();

  /** Stops fetching; later {@link #next()} calls return null. Idempotent. */
  void close();

  /** A source that is empty from the start (an ignored stream). */
  static ByteSource empty() {
    return new ByteSource() {
      @Override
      public ByteString next() {
        return null;
      }

      @Override
      public void close() {}
    };
  }
}
