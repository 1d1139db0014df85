package dev.modal4j.testing.internal;

import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCalls;

/**
 * Binds a synchronous unary handler; a thrown {@code StatusRuntimeException} becomes the status.
 */
public final class Unary {
  private Unary() {}

  /** Computes the response to one request, or throws a {@code StatusRuntimeException}. */
  @FunctionalInterface
  public interface Handler<Q, R> {
    /** Handles one request. */
    R handle(Q request);
  }

  /** Adds {@code method} to {@code service}, served by {@code handler}. */
  public static <Q, R> void bind(
      ServerServiceDefinition.Builder service,
      MethodDescriptor<Q, R> method,
      Handler<Q, R> handler) {
    service.addMethod(
        method,
        ServerCalls.asyncUnaryCall(
            (request, response) -> {
              R result;
              try {
                result = handler.handle(request);
              } catch (StatusRuntimeException e) {
                response.onError(e);
                return;
              } catch (RuntimeException e) {
                response.onError(
                    Status.INTERNAL
                        .withDescription("emulator error in " + method.getBareMethodName())
                        .withCause(e)
                        .asRuntimeException());
                return;
              }
              response.onNext(result);
              response.onCompleted();
            }));
  }
}
