package dev.modal4j;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client interceptor that counts the RPCs a client starts, by method name, and lets a test wait
 * for the n-th one as an event (with a deadline), instead of polling or sleeping.
 */
public final class RpcEvents implements ClientInterceptor {
  private record Waiter(String method, int count, CountDownLatch latch) {}

  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final List<Waiter> waiters = new CopyOnWriteArrayList<>();

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    String name = method.getBareMethodName();
    int n = counts.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
    for (Waiter w : waiters) {
      if (w.method.equals(name) && n >= w.count) {
        w.latch.countDown();
      }
    }
    return next.newCall(method, options);
  }

  /** How many calls of {@code method} (e.g. {@code "FunctionCallCancel"}) were started so far. */
  public int count(String method) {
    AtomicInteger n = counts.get(method);
    return n == null ? 0 : n.get();
  }

  /**
   * Waits until at least {@code count} calls of {@code method} have started; false if that did not
   * happen within {@code timeout}.
   */
  public boolean await(String method, int count, Duration timeout) throws InterruptedException {
    Waiter w = new Waiter(method, count, new CountDownLatch(1));
    waiters.add(w);
    try {
      if (count(method) >= count) {
        return true;
      }
      return w.latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } finally {
      waiters.remove(w);
    }
  }
}
