package dev.modal4j;

import io.grpc.Status;

/**
 * A sandbox ran out of time: it reached its own timeout on Modal (its tunnels were asked for after
 * it timed out), or a wait on it (for example {@code waitUntilReady}) ran out. The message names
 * the sandbox. Modal's SDKs call this {@code SandboxTimeoutError}.
 */
public final class SandboxTimeoutException extends ModalException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message. */
  public SandboxTimeoutException(String message) {
    super(message);
  }

  /** Creates the exception with a message and a cause. */
  public SandboxTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the exception with the gRPC status code it was mapped from.
   *
   * @param cause may be null
   * @param statusCode may be null when the failure did not come from a gRPC status
   */
  public SandboxTimeoutException(String message, Throwable cause, Status.Code statusCode) {
    super(message, cause, statusCode);
  }

  @Override
  ModalException copyForCaller() {
    return new SandboxTimeoutException(getMessage(), this, statusCodeOrNull());
  }
}
