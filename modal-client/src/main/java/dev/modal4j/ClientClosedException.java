package dev.modal4j;

import io.grpc.Status;

/** The {@link ModalClient} was closed before or during the call. */
public final class ClientClosedException extends ModalException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message. */
  public ClientClosedException(String message) {
    super(message);
  }

  /** Creates the exception with a message and a cause. */
  public ClientClosedException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the exception with the gRPC status code it was mapped from.
   *
   * @param cause may be null
   * @param statusCode may be null when the failure did not come from a gRPC status
   */
  public ClientClosedException(String message, Throwable cause, Status.Code statusCode) {
    super(message, cause, statusCode);
  }

  @Override
  ModalException copyForCaller() {
    return new ClientClosedException(getMessage(), this, statusCodeOrNull());
  }
}
