package dev.modal4j;

import io.grpc.Status;

/**
 * The request was refused as invalid: bad input, wrong usage, or an unsupported deployment.
 *
 * <p>modal4j throws it before any RPC when it can tell the input is wrong, with a message naming
 * what was wrong.
 */
public class InvalidException extends ModalException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message. */
  public InvalidException(String message) {
    super(message);
  }

  /** Creates the exception with a message and a cause. */
  public InvalidException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the exception with the gRPC status code it was mapped from.
   *
   * @param cause may be null
   * @param statusCode may be null when the failure did not come from a gRPC status
   */
  public InvalidException(String message, Throwable cause, Status.Code statusCode) {
    super(message, cause, statusCode);
  }

  @Override
  ModalException copyForCaller() {
    if (getClass() != InvalidException.class) {
      return super.copyForCaller();
    }
    return new InvalidException(getMessage(), this, statusCodeOrNull());
  }
}
