package dev.modal4j.events;

import dev.modal4j.internal.Args;
import java.time.Duration;

/**
 * One ended blob transfer: a large function argument uploaded, or a large result downloaded.
 *
 * @param direction upload or download
 * @param bytes the blob's size
 * @param duration from the start of the transfer to its end
 * @param success whether the transfer succeeded
 */
public record BlobTransferEvent(
    Direction direction, long bytes, Duration duration, boolean success) {
  /** Checks the arguments. */
  public BlobTransferEvent {
    Args.notNull(direction, "direction");
    Args.notNull(duration, "duration");
  }

  /** Which way the bytes went. */
  public enum Direction {
    /** From the client to Modal's blob store. */
    UPLOAD,
    /** From Modal's blob store to the client. */
    DOWNLOAD
  }
}
