package dev.modal4j.testing.functions.internal;

import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Binds area methods, turning thrown statuses into gRPC errors and bugs into INTERNAL. */
public final class Rpcs {
  private static final Logger LOG = LoggerFactory.getLogger(Rpcs.class);

  private Rpcs() {}

  /** A unary handler answering synchronously. */
  @FunctionalInterface
  public interface Sync<Q, R> {
    /** Handles one request. */
    R handle(Q request);
  }

  /** A handler that answers through the observer, possibly later. */
  @FunctionalInterface
  public interface Async<Q, R> {
    /** Handles one request. */
    void handle(Q request, StreamObserver<R> observer);
  }

  /** Binds a synchronous unary method. */
  public static <Q, R> void unary(
      ServerServiceDefinition.Builder service, MethodDescriptor<Q, R> method, Sync<Q, R> handler) {
    async(
        service,
        method,
        (request, observer) -> {
          R response = handler.handle(request);
          observer.onNext(response);
          observer.onCompleted();
        });
  }

  /** Binds a unary method that may answer later (long polls). */
  public static <Q, R> void async(
      ServerServiceDefinition.Builder service, MethodDescriptor<Q, R> method, Async<Q, R> handler) {
    service.addMethod(
        method,
        ServerCalls.asyncUnaryCall(
            (request, observer) -> guard(method, handler, request, observer)));
  }

  /** Binds a server-streaming method. */
  public static <Q, R> void serverStream(
      ServerServiceDefinition.Builder service, MethodDescriptor<Q, R> method, Async<Q, R> handler) {
    service.addMethod(
        method,
        ServerCalls.asyncServerStreamingCall(
            (request, observer) -> guard(method, handler, request, observer)));
  }

  private static <Q, R> void guard(
      MethodDescriptor<Q, R> method, Async<Q, R> handler, Q request, StreamObserver<R> observer) {
    try {
      handler.handle(request, observer);
    } catch (StatusRuntimeException e) {
      observer.onError(e);
    } catch (RuntimeException e) {
      LOG.warn("emulator bug in {}", method.getBareMethodName(), e);
      observer.onError(
          Status.INTERNAL
              .withDescription("emulator error: " + e)
              .withCause(e)
              .asRuntimeException());
    }
  }
}
