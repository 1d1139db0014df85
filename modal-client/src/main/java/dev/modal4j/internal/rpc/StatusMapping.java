package dev.modal4j.internal.rpc;

import dev.modal4j.AlreadyExistsException;
import dev.modal4j.AuthException;
import dev.modal4j.CancelledException;
import dev.modal4j.ConflictException;
import dev.modal4j.DataLossException;
import dev.modal4j.InvalidException;
import dev.modal4j.ModalException;
import dev.modal4j.NotFoundException;
import dev.modal4j.ResourceExhaustedException;
import dev.modal4j.ServiceException;
import dev.modal4j.UnimplementedException;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;

/** The one place where gRPC statuses become {@link ModalException}s (protocol/functions.md §12). */
public final class StatusMapping {
  private StatusMapping() {}

  /**
   * The exception for a failed call. A local {@code ModalException} carried as the status's cause
   * (e.g. a refused auth token) is returned as is.
   */
  public static ModalException toException(Status status, Metadata trailers) {
    if (status.getCause() instanceof ModalException) {
      return (ModalException) status.getCause();
    }
    Status.Code code = status.getCode();
    String desc = status.getDescription();
    String message = desc == null || desc.isEmpty() ? code.name() : code.name() + ": " + desc;
    StatusRuntimeException cause = status.asRuntimeException(trailers);
    switch (code) {
      case CANCELLED:
        return new CancelledException(message, cause, code);
      case UNIMPLEMENTED:
        return new UnimplementedException(message, cause, code);
      case DATA_LOSS:
        return new DataLossException(message, cause, code);
      case UNKNOWN:
      case DEADLINE_EXCEEDED:
      case UNAVAILABLE:
      case INTERNAL:
        return new ServiceException(message, cause, code);
      case INVALID_ARGUMENT:
      case OUT_OF_RANGE:
        return new InvalidException(message, cause, code);
      case NOT_FOUND:
        return new NotFoundException(message, cause, code);
      case ALREADY_EXISTS:
        return new AlreadyExistsException(message, cause, code);
      case UNAUTHENTICATED:
      case PERMISSION_DENIED:
        return new AuthException(message, cause, code);
      case RESOURCE_EXHAUSTED:
        return new ResourceExhaustedException(message, cause, code);
      case FAILED_PRECONDITION:
      case ABORTED:
        return new ConflictException(message, cause, code);
      default:
        return new ModalException(message, cause, code);
    }
  }

  /** Maps any failure: gRPC status exceptions by code, ModalExceptions as they are. */
  public static ModalException toException(Throwable t) {
    if (t instanceof ModalException) {
      return (ModalException) t;
    }
    if (t instanceof StatusRuntimeException) {
      StatusRuntimeException e = (StatusRuntimeException) t;
      return toException(e.getStatus(), e.getTrailers());
    }
    if (t instanceof StatusException) {
      StatusException e = (StatusException) t;
      return toException(e.getStatus(), e.getTrailers());
    }
    return toException(Status.fromThrowable(t), null);
  }
}
