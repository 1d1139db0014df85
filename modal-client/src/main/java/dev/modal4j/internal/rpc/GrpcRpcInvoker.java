package dev.modal4j.internal.rpc;

import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.stub.StreamObserver;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** {@link RpcInvoker} on one channel that already carries the static-header interceptors. */
public final class GrpcRpcInvoker implements RpcInvoker {
  private final Channel channel;
  private final CallRuntime runtime;

  /** An invoker sending on {@code channel} with the shared {@code runtime}. */
  public GrpcRpcInvoker(Channel channel, CallRuntime runtime) {
    this.channel = Objects.requireNonNull(channel);
    this.runtime = Objects.requireNonNull(runtime);
  }

  @Override
  public <Q, R> CompletableFuture<R> unary(
      MethodDescriptor<Q, R> method, Q request, CallPolicy policy) {
    return new UnaryCall<>(channel, runtime, method, request, policy).start();
  }

  @Override
  public <Q, R> StreamHandle serverStream(
      MethodDescriptor<Q, R> method, Q request, StreamObserver<R> observer) {
    ServerStreamCall<Q, R> call = new ServerStreamCall<>(channel, runtime, method, observer, -1);
    call.start(request);
    return call;
  }

  @Override
  public <Q, R> StreamHandle serverStream(
      MethodDescriptor<Q, R> method, Q request, int initialRequest, StreamObserver<R> observer) {
    ServerStreamCall<Q, R> call =
        new ServerStreamCall<>(channel, runtime, method, observer, Math.max(0, initialRequest));
    call.start(request);
    return call;
  }

  @Override
  public String toString() {
    return "GrpcRpcInvoker{" + channel.authority() + "}";
  }
}
