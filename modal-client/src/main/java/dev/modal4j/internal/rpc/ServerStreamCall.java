package dev.modal4j.internal.rpc;

import dev.modal4j.ModalException;
import dev.modal4j.internal.events.Events;
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
 *
 * <p>Inbound flow control is always explicit: in automatic mode the next message is requested only
 * after {@code onNext} returns; in manual mode ({@code initialRequest >= 0}) only the credit given
 * up front and through {@link #request(int)} is requested.
 */
final class ServerStreamCall<Q, R> implements RpcInvoker.StreamHandle, CallRuntime.ActiveCall {
  private final CallRuntime rt;
  private final StreamObserver<R> observer;
  private final ClientCall<Q, R> call;
  private final AtomicBoolean finished = new AtomicBoolean();
  private final boolean manual;
  private final int initialRequest;
  private final String name;
  private long started;

  /**
   * @param initialRequest messages the server may send before any {@link #request(int)}; negative
   *     for automatic flow control (one message at a time)
   */
  ServerStreamCall(
      Channel channel,
      CallRuntime rt,
      MethodDescriptor<Q, R> method,
      StreamObserver<R> observer,
      int initialRequest) {
    this.rt = rt;
    this.observer = observer;
    this.call = channel.newCall(method, UnaryCall.callOptions(rt, null));
    this.name = method.getBareMethodName();
    this.manual = initialRequest >= 0;
    this.initialRequest = manual ? initialRequest : 1;
  }

  void start(Q request) {
    if (!rt.register(this)) {
      finish(CallRuntime.closedException());
      return;
    }
    started = rt.nanoTime();
    try {
      call.start(new Listener(), new Metadata());
      if (initialRequest > 0) {
        call.request(initialRequest);
      }
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
  public void request(int n) {
    if (n <= 0 || finished.get()) {
      return;
    }
    try {
      call.request(n);
    } catch (RuntimeException e) {
      // the call already ended; its listener reports how
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
      if (!manual) {
        call.request(1);
      }
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
      Events events = rt.events();
      if (events != null) {
        events.rpcEnd(name, 1, status.getCode().name(), rt.nanoTime() - started);
      }
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
