package dev.modal4j;

/** A queue get waited for its whole timeout and found no value (Python {@code queue.Empty}). */
public final class QueueEmptyException extends ModalException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message. */
  public QueueEmptyException(String message) {
    super(message);
  }

  /** Creates the exception with a message and a cause. */
  public QueueEmptyException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  ModalException copyForCaller() {
    return new QueueEmptyException(getMessage(), this);
  }
}
