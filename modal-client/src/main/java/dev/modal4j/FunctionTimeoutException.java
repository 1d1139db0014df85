package dev.modal4j;

import io.grpc.Status;

/**
 * A function call did not finish in time: either the function hit its own timeout on Modal, or the
 * caller's wait (e.g. {@code FunctionCall.get(Duration)}) ran out.
 */
public final class FunctionTimeoutException extends ModalException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message. */
  public FunctionTimeoutException(String message) {
    super(message);
  }

  /** Creates the exception with a message and a cause. */
  public FunctionTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the exception with the gRPC status code it was mapped from.
   *
   * @param cause may be null
   * @param statusCode may be null when the failure did not come from a gRPC status
   */
  public FunctionTimeoutException(String message, Throwable cause, Status.Code statusCode) {
    super(message, cause, statusCode);
  }

  @Override
  ModalException copyForCaller() {
    return new FunctionTimeoutException(getMessage(), this, statusCodeOrNull());
  }
}
