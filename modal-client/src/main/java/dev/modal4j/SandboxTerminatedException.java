package dev.modal4j;

import io.grpc.Status;

/**
 * A sandbox was terminated (by {@code terminate()}, by Modal, or by its idle timeout) while an
 * operation needed it running. The message names the sandbox. Modal's SDKs call this {@code
 * SandboxTerminatedError}.
 */
public final class SandboxTerminatedException extends ModalException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message. */
  public SandboxTerminatedException(String message) {
    super(message);
  }

  /** Creates the exception with a message and a cause. */
  public SandboxTerminatedException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the exception with the gRPC status code it was mapped from.
   *
   * @param cause may be null
   * @param statusCode may be null when the failure did not come from a gRPC status
   */
  public SandboxTerminatedException(String message, Throwable cause, Status.Code statusCode) {
    super(message, cause, statusCode);
  }

  @Override
  ModalException copyForCaller() {
    return new SandboxTerminatedException(getMessage(), this, statusCodeOrNull());
  }
}
