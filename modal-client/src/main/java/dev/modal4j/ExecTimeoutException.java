package dev.modal4j;

import io.grpc.Status;

/**
 * A command run with {@code Sandbox.exec} did not finish within the timeout it was given, so
 * waiting for it or reading its output stopped. The message names the sandbox and the command.
 * Modal's SDKs call this {@code ExecTimeoutError}.
 */
public final class ExecTimeoutException extends ModalException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message. */
  public ExecTimeoutException(String message) {
    super(message);
  }

  /** Creates the exception with a message and a cause. */
  public ExecTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the exception with the gRPC status code it was mapped from.
   *
   * @param cause may be null
   * @param statusCode may be null when the failure did not come from a gRPC status
   */
  public ExecTimeoutException(String message, Throwable cause, Status.Code statusCode) {
    super(message, cause, statusCode);
  }

  @Override
  ModalException copyForCaller() {
    return new ExecTimeoutException(getMessage(), this, statusCodeOrNull());
  }
}
