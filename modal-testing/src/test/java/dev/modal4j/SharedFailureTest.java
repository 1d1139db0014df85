package dev.modal4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.modal4j.functions.FunctionCall;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every blocking caller of a failed call gets its own exception; the original is never mutated. */
@Timeout(30)
class SharedFailureTest {
  static FunctionsEnv env;
  ModalClient modal;

  @BeforeAll
  static void startEmulator() {
    env = new FunctionsEnv();
  }

  @AfterAll
  static void stopEmulator() {
    env.close();
  }

  @BeforeEach
  void connect() {
    modal = env.client();
  }

  @AfterEach
  void disconnect() {
    modal.close();
  }

  @Test
  void twoThreadsWaitingOnOneFailedCallEachGetTheirOwnException() throws Exception {
    FunctionCall<String> call =
        modal.functions().fromName("modal4j-demo", "fail").spawn(String.class, "boom-42");
    List<Throwable> seen = concurrently(2, call::get);
    Throwable c = catchThrowable(call::get);
    seen.add(c);

    RemoteException first = (RemoteException) seen.get(0);
    for (Throwable t : seen) {
      assertThat(t).isExactlyInstanceOf(RemoteException.class).hasMessageContaining("boom-42");
      assertThat(((RemoteException) t).remoteTraceback()).isEqualTo(first.remoteTraceback());
      assertThat(t.getSuppressed()).isEmpty();
      assertThat(t.getCause()).isInstanceOf(RemoteException.class).hasMessage(t.getMessage());
      assertThat(t.getCause().getSuppressed()).isEmpty();
    }
    assertThat(seen).doesNotHaveDuplicates();
    assertThat(seen.get(0)).isNotSameAs(seen.get(1)).isNotSameAs(c);
    assertThat(c.getStackTrace())
        .anySatisfy(
            f -> assertThat(f.getMethodName()).contains("twoThreadsWaitingOnOneFailedCall"));
  }

  @Test
  void callersWaitingOnOneRefusedTokenFetchDoNotShareItsException() throws Exception {
    env.faults().failRpc("AuthTokenGet", 1.0, Status.Code.UNAUTHENTICATED);
    env.faults().addLatency("AuthTokenGet", Duration.ofMillis(300));
    try (ModalClient fresh = env.client()) {
      List<Throwable> seen =
          concurrently(4, () -> fresh.functions().fromName("modal4j-demo", "square"));
      assertThat(seen).doesNotHaveDuplicates().hasSize(4);
      Set<Throwable> originals = Collections.newSetFromMap(new IdentityHashMap<>());
      for (Throwable t : seen) {
        assertThat(t)
            .isExactlyInstanceOf(AuthException.class)
            .hasMessageContaining("UNAUTHENTICATED");
        assertThat(((ModalException) t).statusCode()).contains(Status.Code.UNAUTHENTICATED);
        assertThat(t.getSuppressed()).isEmpty();
        for (Throwable k = t.getCause(); k != null; k = k.getCause()) {
          assertThat(k.getSuppressed()).as("suppressed added to a shared cause").isEmpty();
          originals.add(k);
        }
      }
      assertThat(originals).doesNotContainAnyElementsOf(seen);
    } finally {
      env.faults().clear();
    }
  }

  /** Runs {@code body} on {@code n} threads released together and returns what each threw. */
  private static List<Throwable> concurrently(int n, ThrowingCallable body) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<Throwable>> waiters = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      for (int i = 0; i < n; i++) {
        waiters.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    start.await();
                  } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                  }
                  return catchThrowable(body);
                },
                pool));
      }
      start.countDown();
      List<Throwable> out = new ArrayList<>();
      for (CompletableFuture<Throwable> w : waiters) {
        out.add(w.get(20, TimeUnit.SECONDS));
      }
      assertThat(out).doesNotContainNull();
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void blockingRemoteFailuresKeepTheirTypeAndStatus() {
    Throwable t =
        catchThrowable(() -> modal.functions().fromName("modal4j-demo", "no-such-function"));
    assertThat(t).isExactlyInstanceOf(NotFoundException.class);
    assertThat(((ModalException) t).statusCode()).contains(Status.Code.NOT_FOUND);
    assertThat(t.getSuppressed()).isEmpty();
  }
}
