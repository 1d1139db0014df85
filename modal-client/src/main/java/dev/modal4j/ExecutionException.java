package dev.modal4j;

import io.grpc.Status;

/**
 * Modal ran an operation and reports that it failed (a memory snapshot that did not succeed, a
 * snapshot answer without its image). The message carries Modal's words. Modal's SDKs call this
 * {@code ExecutionError}; not to be confused with {@code java.util.concurrent.ExecutionException},
 * which wraps the exceptions of a future.
 */
public final class ExecutionException extends ModalException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message. */
  public ExecutionException(String message) {
    super(message);
  }

  /** Creates the exception with a message and a cause. */
  public ExecutionException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the exception with the gRPC status code it was mapped from.
   *
   * @param cause may be null
   * @param statusCode may be null when the failure did not come from a gRPC status
   */
  public ExecutionException(String message, Throwable cause, Status.Code statusCode) {
    super(message, cause, statusCode);
  }

  @Override
  ModalException copyForCaller() {
    return new ExecutionException(getMessage(), this, statusCodeOrNull());
  }
}
