package dev.modal4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modal4j.functions.Function;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.testing.ModalEmulator;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A long generator consumed slowly: the SDK asks the server for data only as the consumer drains
 * it, so the number of items held inside the SDK stays bounded whatever the generator's length.
 *
 * <p>What the SDK holds is measured from outside, at the gRPC boundary: messages delivered to the
 * SDK by {@code FunctionCallGetDataOut} (counted after the SDK's listener returns) against the
 * messages it asked for with {@code request(n)}.
 */
@Timeout(60)
class GeneratorFlowControlTest {
  private static final int ITEMS = 3_000;
  private static final int ITEM_CHARS = 4 * 1024;
  private static final int FAILING_ITEMS = 200;

  /** Far above the SDK's prefetch, far below the generator's length. */
  private static final int MAX_HELD = 128;

  private ModalEmulator emulator;
  private final StreamCounter counter = new StreamCounter();
  private final CountDownLatch generatorDone = new CountDownLatch(1);
  private ModalClient modal;

  @BeforeEach
  void start() {
    emulator = ModalEmulator.start();
    emulator
        .deploy("flow")
        .generator(
            "many",
            (args, kwargs, out) -> {
              String pad = "x".repeat(ITEM_CHARS);
              for (int i = 0; i < ITEMS; i++) {
                out.emit(i + ":" + pad);
              }
              generatorDone.countDown();
            });
    emulator
        .deploy("flow-fails")
        .generator(
            "fails",
            (args, kwargs, out) -> {
              for (int i = 0; i < FAILING_ITEMS; i++) {
                out.emit(i);
              }
              throw new IllegalStateException("after the items");
            });
    modal = emulator.clientBuilder().interceptors(counter).build();
  }

  @AfterEach
  void stop() {
    modal.close();
    emulator.close();
  }

  @Test
  void slowStreamConsumerHoldsABoundedNumberOfItems() throws Exception {
    Function many = modal.functions().fromName("flow", "many");
    try (Stream<String> items = many.remoteGen(String.class)) {
      Iterator<String> it = items.iterator();
      assertThat(it.next()).startsWith("0:");
      assertThat(generatorDone.await(20, TimeUnit.SECONDS)).isTrue();
      awaitQuiescent();
      assertThat(counter.received.get())
          .as("messages the SDK took from the server while its consumer was paused")
          .isLessThanOrEqualTo(MAX_HELD);
      int n = 1;
      while (it.hasNext()) {
        assertThat(it.next()).startsWith(n + ":");
        n++;
      }
      assertThat(n).isEqualTo(ITEMS);
    }
  }

  @Test
  void slowCallbackConsumerHoldsABoundedNumberOfItems() throws Exception {
    Function many = modal.functions().fromName("flow", "many");
    CountDownLatch firstItem = new CountDownLatch(1);
    CountDownLatch resume = new CountDownLatch(1);
    AtomicLong seen = new AtomicLong();
    AtomicBoolean inOrder = new AtomicBoolean(true);
    CompletableFuture<Long> done =
        many.remoteGenAsync(
            String.class,
            item -> {
              long i = seen.getAndIncrement();
              if (!item.startsWith(i + ":")) {
                inOrder.set(false);
              }
              if (i == 0) {
                firstItem.countDown();
                try {
                  resume.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            });
    assertThat(firstItem.await(20, TimeUnit.SECONDS)).isTrue();
    assertThat(generatorDone.await(20, TimeUnit.SECONDS)).isTrue();
    awaitQuiescent();
    assertThat(counter.received.get())
        .as("messages the SDK took from the server while its callback was blocked")
        .isLessThanOrEqualTo(MAX_HELD);
    resume.countDown();
    assertThat(done.get(30, TimeUnit.SECONDS)).isEqualTo(ITEMS);
    assertThat(seen.get()).isEqualTo(ITEMS);
    assertThat(inOrder).isTrue();
  }

  @Test
  void aFailingGeneratorConsumedSlowlyDeliversEveryItemBeforeTheError() throws Exception {
    Function fails = modal.functions().fromName("flow-fails", "fails");
    java.util.List<Integer> seen = new java.util.ArrayList<>();
    try (Stream<Integer> items = fails.remoteGen(Integer.class)) {
      Iterator<Integer> it = items.iterator();
      seen.add(it.next());
      // A consumer slower than the SDK's failure grace: the items held back by flow control
      // must still all arrive before the failure.
      Thread.sleep(2_500);
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> {
                while (it.hasNext()) {
                  seen.add(it.next());
                }
              })
          .isInstanceOf(RemoteException.class)
          .hasMessageContaining("after the items");
    }
    assertThat(seen).hasSize(FAILING_ITEMS);
    assertThat(seen.get(FAILING_ITEMS - 1)).isEqualTo(FAILING_ITEMS - 1);
  }

  /**
   * Waits until the SDK has used all the credit it gave the server (it holds what it asked for and
   * asks for no more), or the stream has ended (everything was taken: the unbounded case).
   */
  private void awaitQuiescent() throws InterruptedException {
    await(
        () ->
            counter.closed.get()
                || (counter.received.get() > 0
                    && counter.received.get() == counter.requested.get()),
        20);
  }

  private static void await(BooleanSupplier condition, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within %d s", seconds).isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  /** Counts what the SDK requests and receives on FunctionCallGetDataOut. */
  private static final class StreamCounter implements ClientInterceptor {
    final AtomicLong requested = new AtomicLong();
    final AtomicLong received = new AtomicLong();
    final AtomicBoolean closed = new AtomicBoolean();

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(
        MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
      ClientCall<Q, R> call = next.newCall(method, options);
      if (!method
          .getFullMethodName()
          .equals(ModalClientGrpc.getFunctionCallGetDataOutMethod().getFullMethodName())) {
        return call;
      }
      return new ForwardingClientCall.SimpleForwardingClientCall<Q, R>(call) {
        @Override
        public void start(Listener<R> listener, Metadata headers) {
          super.start(
              new ForwardingClientCallListener.SimpleForwardingClientCallListener<R>(listener) {
                @Override
                public void onMessage(R message) {
                  super.onMessage(message);
                  received.incrementAndGet();
                }

                @Override
                public void onClose(Status status, Metadata trailers) {
                  closed.set(true);
                  super.onClose(status, trailers);
                }
              },
              headers);
        }

        @Override
        public void request(int n) {
          requested.addAndGet(n);
          super.request(n);
        }
      };
    }
  }
}
