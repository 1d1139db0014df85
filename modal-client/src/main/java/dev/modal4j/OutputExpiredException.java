package dev.modal4j;

import io.grpc.Status;

/**
 * The outputs of a function call are no longer kept by Modal: the call finished long enough ago
 * that its results expired (Modal keeps a spawned call's results for a limited time), so {@code
 * FunctionCall.get()} can never return them. Waiting longer does not help.
 */
public final class OutputExpiredException extends ModalException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with a message.
   *
   * @param message names the call
   */
  public OutputExpiredException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a message, a cause and the gRPC status code it was mapped from.
   *
   * @param message names the call
   * @param cause may be null
   * @param statusCode may be null when the failure did not come from a gRPC status
   */
  public OutputExpiredException(String message, Throwable cause, Status.Code statusCode) {
    super(message, cause, statusCode);
  }

  @Override
  ModalException copyForCaller() {
    return new OutputExpiredException(getMessage(), this, statusCodeOrNull());
  }
}
