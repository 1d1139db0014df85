package dev.modal4j;

import io.grpc.Status;

/**
 * Modal reported unrecoverable loss or corruption of data (gRPC {@code DATA_LOSS}). Retrying the
 * same request is unlikely to help.
 */
public final class DataLossException extends ModalException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with a message.
   *
   * @param message what failed
   */
  public DataLossException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a message and a cause.
   *
   * @param message what failed
   * @param cause may be null
   */
  public DataLossException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the exception with the gRPC status code it was mapped from.
   *
   * @param message what failed
   * @param cause may be null
   * @param statusCode may be null when the failure did not come from a gRPC status
   */
  public DataLossException(String message, Throwable cause, Status.Code statusCode) {
    super(message, cause, statusCode);
  }

  @Override
  ModalException copyForCaller() {
    return new DataLossException(getMessage(), this, statusCodeOrNull());
  }
}
