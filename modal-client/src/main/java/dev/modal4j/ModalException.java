package dev.modal4j;

import dev.modal4j.internal.CallerCopies;
import io.grpc.Status;
import java.util.Optional;

/**
 * The root of every exception modal4j throws. All are unchecked.
 *
 * <p>Subclasses name the kind of failure ({@link NotFoundException}, {@link InvalidException},
 * {@link RemoteException} ...). When the failure came from a gRPC status, {@link #statusCode()}
 * tells which. Messages name the resource involved and never contain a token secret.
 *
 * <p>Blocking methods throw these directly; the {@code CompletableFuture} of an async method
 * completes exceptionally with the same exception (wrapped in {@code ExecutionException} or {@code
 * CompletionException} by the future's own accessors).
 *
 * <p>A blocking method never rethrows an instance that other callers may also see: each blocking
 * caller gets its own exception of the same type, with the same message, status code and details,
 * its own stack trace, and the exception the operation failed with as its {@link #getCause()
 * cause}. Instances are never modified once thrown.
 */
public class ModalException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Status.Code statusCode;

  static {
    CallerCopies.register(ModalException::copyForCaller);
  }

  /** Creates an exception with a message. */
  public ModalException(String message) {
    this(message, null, null);
  }

  /** Creates an exception with a message and a cause. */
  public ModalException(String message, Throwable cause) {
    this(message, cause, null);
  }

  /**
   * Creates an exception that carries the gRPC status code it was mapped from.
   *
   * @param cause may be null
   * @param statusCode may be null when the failure did not come from a gRPC status
   */
  public ModalException(String message, Throwable cause, Status.Code statusCode) {
    super(message, cause);
    this.statusCode = statusCode;
  }

  /** The gRPC status code this exception was mapped from, if it came from one. */
  public Optional<Status.Code> statusCode() {
    return Optional.ofNullable(statusCode);
  }

  /**
   * A new exception of this type for one blocking caller: same message, status code and details,
   * the caller's stack trace, and this exception as its cause. Every subclass in this package
   * overrides it; a subclass defined elsewhere cannot, and is handed on unchanged (never modified).
   */
  ModalException copyForCaller() {
    if (getClass() != ModalException.class) {
      return this;
    }
    return new ModalException(getMessage(), this, statusCode);
  }

  /** The status code, or null; for {@link #copyForCaller()}. */
  final Status.Code statusCodeOrNull() {
    return statusCode;
  }
}
