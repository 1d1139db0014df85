package dev.modal4j;

import io.grpc.Status;

/** A quota or limit was hit, e.g. too many inputs outstanding. */
public final class ResourceExhaustedException extends ModalException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message. */
  public ResourceExhaustedException(String message) {
    super(message);
  }

  /** Creates the exception with a message and a cause. */
  public ResourceExhaustedException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the exception with the gRPC status code it was mapped from.
   *
   * @param cause may be null
   * @param statusCode may be null when the failure did not come from a gRPC status
   */
  public ResourceExhaustedException(String message, Throwable cause, Status.Code statusCode) {
    super(message, cause, statusCode);
  }

  @Override
  ModalException copyForCaller() {
    return new ResourceExhaustedException(getMessage(), this, statusCodeOrNull());
  }
}
