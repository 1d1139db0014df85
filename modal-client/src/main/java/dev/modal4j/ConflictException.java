package dev.modal4j;

import io.grpc.Status;

/** The request conflicts with the current state of the resource (FAILED_PRECONDITION, ABORTED). */
public final class ConflictException extends InvalidException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message. */
  public ConflictException(String message) {
    super(message);
  }

  /** Creates the exception with a message and a cause. */
  public ConflictException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the exception with the gRPC status code it was mapped from.
   *
   * @param cause may be null
   * @param statusCode may be null when the failure did not come from a gRPC status
   */
  public ConflictException(String message, Throwable cause, Status.Code statusCode) {
    super(message, cause, statusCode);
  }

  @Override
  ModalException copyForCaller() {
    return new ConflictException(getMessage(), this, statusCodeOrNull());
  }
}
