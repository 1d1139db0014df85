package dev.modal4j;

import io.grpc.Status;

/**
 * Modal lost or could not run an input (preemption, worker loss). modal4j retries these itself
 * before surfacing one.
 */
public final class InternalFailureException extends ModalException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message. */
  public InternalFailureException(String message) {
    super(message);
  }

  /** Creates the exception with a message and a cause. */
  public InternalFailureException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the exception with the gRPC status code it was mapped from.
   *
   * @param cause may be null
   * @param statusCode may be null when the failure did not come from a gRPC status
   */
  public InternalFailureException(String message, Throwable cause, Status.Code statusCode) {
    super(message, cause, statusCode);
  }

  @Override
  ModalException copyForCaller() {
    return new InternalFailureException(getMessage(), this, statusCodeOrNull());
  }
}
