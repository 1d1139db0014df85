package dev.modal4j;

/** A queue put found the queue full until its timeout ran out (Python {@code queue.Full}). */
public final class QueueFullException extends ModalException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message. */
  public QueueFullException(String message) {
    super(message);
  }

  /** Creates the exception with a message and a cause. */
  public QueueFullException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  ModalException copyForCaller() {
    return new QueueFullException(getMessage(), this);
  }
}
