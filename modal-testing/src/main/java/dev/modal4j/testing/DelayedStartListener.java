package dev.modal4j.testing;

import io.grpc.ServerCall;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Stands in for a call's listener until the call is started late (added latency): events that
 * arrive before are queued and replayed in order; a cancel before the start means no start.
 */
final class DelayedStartListener<Q> extends ServerCall.Listener<Q> {
  private final Queue<Consumer<ServerCall.Listener<Q>>> pending = new ArrayDeque<>();
  private ServerCall.Listener<Q> delegate;
  private boolean starting;
  private boolean cancelled;

  synchronized void start(Supplier<ServerCall.Listener<Q>> starter) {
    if (cancelled) {
      return;
    }
    starting = true;
    ServerCall.Listener<Q> started = starter.get();
    while (!pending.isEmpty()) {
      pending.poll().accept(started);
    }
    delegate = started;
  }

  @Override
  public void onMessage(Q message) {
    dispatch(l -> l.onMessage(message));
  }

  @Override
  public void onHalfClose() {
    dispatch(ServerCall.Listener::onHalfClose);
  }

  @Override
  public void onReady() {
    dispatch(ServerCall.Listener::onReady);
  }

  @Override
  public void onComplete() {
    dispatch(ServerCall.Listener::onComplete);
  }

  @Override
  public synchronized void onCancel() {
    if (delegate == null && !starting) {
      cancelled = true;
      pending.clear();
      return;
    }
    dispatch(ServerCall.Listener::onCancel);
  }

  private synchronized void dispatch(Consumer<ServerCall.Listener<Q>> event) {
    if (delegate != null) {
      event.accept(delegate);
    } else {
      pending.add(event);
    }
  }
}
