package dev.modal4j.internal.rpc;

import io.grpc.MethodDescriptor;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;

/**
 * Makes RPCs on one channel with modal4j's header, auth-token, retry and throttle handling.
 *
 * <p>Every failure is mapped to a {@code dev.modal4j.ModalException} subtype in one place ({@link
 * StatusMapping}) before it reaches the returned future. Cancelling the returned future cancels the
 * call in flight and any retry not yet started.
 */
public interface RpcInvoker {

  /** A unary call with the given retry policy; one idempotency key across all its attempts. */
  <Q, R> CompletableFuture<R> unary(MethodDescriptor<Q, R> method, Q request, CallPolicy policy);

  /** A unary call with {@link CallPolicy#DEFAULT}. */
  default <Q, R> CompletableFuture<R> unary(MethodDescriptor<Q, R> method, Q request) {
    return unary(method, request, CallPolicy.DEFAULT);
  }

  /**
   * A server-streaming call, not retried (callers resume from their own cursor). Errors reach
   * {@code observer.onError} already mapped to a {@code ModalException}.
   *
   * @return a handle that cancels the stream
   */
  <Q, R> StreamHandle serverStream(
      MethodDescriptor<Q, R> method, Q request, StreamObserver<R> observer);

  /** Cancels a server stream started by {@link #serverStream}. */
  interface StreamHandle {
    /** Cancels the stream; the observer then sees no more messages. */
    void cancel();
  }
}
