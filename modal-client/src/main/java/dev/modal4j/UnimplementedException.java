package dev.modal4j;

import io.grpc.Status;

/**
 * The server does not implement the requested operation (gRPC {@code UNIMPLEMENTED}), e.g. an RPC
 * this Modal deployment does not offer yet.
 */
public final class UnimplementedException extends ModalException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with a message.
   *
   * @param message what failed
   */
  public UnimplementedException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a message and a cause.
   *
   * @param message what failed
   * @param cause may be null
   */
  public UnimplementedException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the exception with the gRPC status code it was mapped from.
   *
   * @param message what failed
   * @param cause may be null
   * @param statusCode may be null when the failure did not come from a gRPC status
   */
  public UnimplementedException(String message, Throwable cause, Status.Code statusCode) {
    super(message, cause, statusCode);
  }

  @Override
  ModalException copyForCaller() {
    return new UnimplementedException(getMessage(), this, statusCodeOrNull());
  }
}
