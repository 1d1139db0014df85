package dev.modal4j;

import io.grpc.Status;

/**
 * The operation was cancelled: its future was cancelled (e.g. {@code future.cancel(true)}, or a
 * blocking wait on a cancelled future), or Modal answered gRPC {@code CANCELLED} and the retries
 * ran out. Closing the client is reported as {@link ClientClosedException} instead.
 */
public final class CancelledException extends ModalException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with a message.
   *
   * @param message what failed
   */
  public CancelledException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a message and a cause.
   *
   * @param message what failed
   * @param cause may be null
   */
  public CancelledException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the exception with the gRPC status code it was mapped from.
   *
   * @param message what failed
   * @param cause may be null
   * @param statusCode may be null when the failure did not come from a gRPC status
   */
  public CancelledException(String message, Throwable cause, Status.Code statusCode) {
    super(message, cause, statusCode);
  }

  @Override
  ModalException copyForCaller() {
    return new CancelledException(getMessage(), this, statusCodeOrNull());
  }
}
