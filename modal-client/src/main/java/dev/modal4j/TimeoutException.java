package dev.modal4j;

import io.grpc.Status;

/**
 * An operation ran out of its time budget before it finished (a snapshot, for example); what it
 * asked for may still finish on Modal. The message says what ran out. Modal's SDKs call this {@code
 * TimeoutError}.
 */
public final class TimeoutException extends ModalException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message. */
  public TimeoutException(String message) {
    super(message);
  }

  /** Creates the exception with a message and a cause. */
  public TimeoutException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the exception with the gRPC status code it was mapped from.
   *
   * @param cause may be null
   * @param statusCode may be null when the failure did not come from a gRPC status
   */
  public TimeoutException(String message, Throwable cause, Status.Code statusCode) {
    super(message, cause, statusCode);
  }

  @Override
  ModalException copyForCaller() {
    return new TimeoutException(getMessage(), this, statusCodeOrNull());
  }
}
