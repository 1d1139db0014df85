package dev.modal4j.internal.rpc;

import dev.modal4j.ModalException;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One server-streaming RPC, not retried, with the same headers and auth as unary calls. After
 * {@link #cancel()} the observer receives nothing more.
 */
final class ServerStreamCall<Q, R> implements RpcInvoker.StreamHandle, CallRuntime.ActiveCall {
  private final CallRuntime rt;
  private final StreamObserver<R> observer;
  private final ClientCall<Q, R> call;
  private final AtomicBoolean finished = new AtomicBoolean();

  ServerStreamCall(
      Channel channel, CallRuntime rt, MethodDescriptor<Q, R> method, StreamObserver<R> observer) {
    this.rt = rt;
    this.observer = observer;
    this.call = channel.newCall(method, UnaryCall.callOptions(rt, null));
  }

  void start(Q request) {
    if (!rt.register(this)) {
      finish(CallRuntime.closedException());
      return;
    }
    try {
      call.start(new Listener(), new Metadata());
      call.request(1);
      call.sendMessage(request);
      call.halfClose();
    } catch (RuntimeException e) {
      call.cancel("modal4j failed to start the stream", e);
      finish(StatusMapping.toException(e));
    }
  }

  @Override
  public void cancel() {
    if (finished.compareAndSet(false, true)) {
      rt.unregister(this);
      call.cancel("Cancelled by the caller", null);
    }
  }

  @Override
  public void abort(ModalException reason) {
    call.cancel("The ModalClient was closed", null);
    finish(reason);
  }

  private void finish(ModalException error) {
    if (finished.compareAndSet(false, true)) {
      rt.unregister(this);
      if (error == null) {
        observer.onCompleted();
      } else {
        observer.onError(error);
      }
    }
  }

  private final class Listener extends ClientCall.Listener<R> {
    @Override
    public void onMessage(R message) {
      if (finished.get()) {
        return;
      }
      try {
        observer.onNext(message);
      } catch (RuntimeException e) {
        call.cancel("The stream observer failed", e);
        finish(new ModalException("The stream observer failed: " + e, e));
        return;
      }
      call.request(1);
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
      if (status.isOk()) {
        finish(null);
      } else if (rt.isClosed()) {
        finish(CallRuntime.closedException());
      } else {
        finish(StatusMapping.toException(status, trailers));
      }
    }
  }
}
