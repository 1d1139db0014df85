package dev.modal4j.testing.internal;

import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Binds a unary handler that may answer later, from another thread (a parked long poll): the
 * handler gets a {@link Reply} to complete once, and returns without holding the gRPC thread.
 */
public final class AsyncUnary {
  private AsyncUnary() {}

  /** Handles one request; answers through {@code reply}, now or later. */
  @FunctionalInterface
  public interface Handler<Q, R> {
    /** Handles one request; may throw a {@code StatusRuntimeException} to fail at once. */
    void handle(Q request, Reply<R> reply);
  }

  /**
   * The one answer to a call; the first of {@link #send}/{@link #fail} wins, later ones do nothing.
   */
  public static final class Reply<R> {
    private final StreamObserver<R> observer;
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile Runnable onCancel = () -> {};

    Reply(StreamObserver<R> observer) {
      this.observer = observer;
      if (observer instanceof ServerCallStreamObserver) {
        ((ServerCallStreamObserver<R>) observer)
            .setOnCancelHandler(
                () -> {
                  if (done.compareAndSet(false, true)) {
                    onCancel.run();
                  }
                });
      }
    }

    /** Runs {@code action} if the client cancels before an answer was sent. */
    public void onCancel(Runnable action) {
      this.onCancel = action;
    }

    /** Whether an answer was sent or the call was cancelled. */
    public boolean isDone() {
      return done.get();
    }

    /** Sends the response; returns false if the call was already answered or cancelled. */
    public boolean send(R response) {
      if (!done.compareAndSet(false, true)) {
        return false;
      }
      try {
        observer.onNext(response);
        observer.onCompleted();
      } catch (RuntimeException e) {
        // the call went away in between; nothing to tell
      }
      return true;
    }

    /** Fails the call with a status; returns false if it was already answered or cancelled. */
    public boolean fail(StatusRuntimeException error) {
      if (!done.compareAndSet(false, true)) {
        return false;
      }
      try {
        observer.onError(error);
      } catch (RuntimeException e) {
        // the call went away in between
      }
      return true;
    }
  }

  /** Adds {@code method} to {@code service}, served by {@code handler}. */
  public static <Q, R> void bind(
      ServerServiceDefinition.Builder service,
      MethodDescriptor<Q, R> method,
      Handler<Q, R> handler) {
    service.addMethod(
        method,
        ServerCalls.asyncUnaryCall(
            (request, observer) -> {
              Reply<R> reply = new Reply<>(observer);
              try {
                handler.handle(request, reply);
              } catch (StatusRuntimeException e) {
                reply.fail(e);
              } catch (RuntimeException e) {
                reply.fail(
                    Status.INTERNAL
                        .withDescription("emulator error in " + method.getBareMethodName())
                        .withCause(e)
                        .asRuntimeException());
              }
            }));
  }
}
