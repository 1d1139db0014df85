package dev.modal4j.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.AuthException;
import dev.modal4j.ModalException;
import dev.modal4j.ServiceException;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.rpc.CallPolicy;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class AuthTokenManagerTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  private final MutableClock clock = new MutableClock(T0);

  /** Each fetch the manager starts, with the policy it asked for; the test completes them. */
  private final List<CompletableFuture<String>> fetches = new CopyOnWriteArrayList<>();

  private final List<CallPolicy> policies = new CopyOnWriteArrayList<>();

  private AuthTokenManager manager(double random) {
    return new AuthTokenManager(
        policy -> {
          policies.add(policy);
          CompletableFuture<String> f = new CompletableFuture<>();
          fetches.add(f);
          return f;
        },
        clock,
        () -> random);
  }

  static String jwt(Instant exp) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String body = "{\"exp\":" + exp.getEpochSecond() + "}";
    return "eyJhbGciOiJub25lIn0."
        + b64.encodeToString(body.getBytes(StandardCharsets.UTF_8))
        + ".sig";
  }

  private static AuthException denied() {
    return new AuthException("denied", null, Status.Code.UNAUTHENTICATED);
  }

  private static ServiceException unavailable() {
    return new ServiceException("down", null, Status.Code.UNAVAILABLE);
  }

  @Test
  void thirtyTwoRacingCallersMakeOneFetch() throws Exception {
    AuthTokenManager m = manager(0.5);
    ExecutorService pool = Executors.newFixedThreadPool(32);
    try {
      CyclicBarrier barrier = new CyclicBarrier(32);
      List<Future<CompletableFuture<String>>> callers = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        callers.add(
            pool.submit(
                () -> {
                  barrier.await();
                  return m.token();
                }));
      }
      List<CompletableFuture<String>> tokens = new ArrayList<>();
      for (Future<CompletableFuture<String>> c : callers) {
        tokens.add(c.get(5, TimeUnit.SECONDS));
      }
      assertThat(fetches).hasSize(1);
      assertThat(tokens).allSatisfy(t -> assertThat(t).isNotDone());
      String token = jwt(T0.plusSeconds(1000));
      fetches.get(0).complete(token);
      for (CompletableFuture<String> t : tokens) {
        assertThat(t.get(5, TimeUnit.SECONDS)).isEqualTo(token);
      }
      assertThat(fetches).hasSize(1);
      assertThat(policies.get(0).maxRetries()).isEqualTo(3);
      assertThat(policies.get(0).attemptTimeout()).isEqualTo(Duration.ofSeconds(5));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void cancellingOneWaiterDoesNotCancelTheSharedFetch() throws Exception {
    AuthTokenManager m = manager(0.5);
    CompletableFuture<String> a = m.token();
    CompletableFuture<String> b = m.token();
    a.cancel(true);
    fetches.get(0).complete(jwt(T0.plusSeconds(1000)));
    assertThat(b.get(1, TimeUnit.SECONDS)).startsWith("eyJ");
  }

  @Test
  void refreshesBetweenHalfAndSixtyPercentOfTheLifetime() throws Exception {
    AuthTokenManager m = manager(Math.random());
    CompletableFuture<String> first = m.token();
    String old = jwt(T0.plusSeconds(1000));
    fetches.get(0).complete(old);
    assertThat(first.get()).isEqualTo(old);

    clock.advance(Duration.ofSeconds(499));
    assertThat(m.token().get()).isEqualTo(old);
    assertThat(fetches).hasSize(1);

    clock.advance(Duration.ofSeconds(102)); // 601 s: past any refresh point in [500, 600]
    CompletableFuture<String> refreshing = m.token();
    assertThat(fetches).hasSize(2);
    assertThat(policies.get(1).maxRetries()).isZero(); // a cached token exists
    // Others keep using the old token while one refresh is in flight.
    assertThat(m.token().get()).isEqualTo(old);
    assertThat(fetches).hasSize(2);
    String fresh = jwt(T0.plusSeconds(2000));
    fetches.get(1).complete(fresh);
    assertThat(refreshing.get()).isEqualTo(fresh);
    assertThat(m.token().get()).isEqualTo(fresh);
  }

  @Test
  void refreshPointIsFiftyToSixtyPercentOfRemainingLife() throws Exception {
    for (double r : new double[] {0.0, 0.999}) {
      fetches.clear();
      AuthTokenManager m = manager(r);
      m.token();
      fetches.get(0).complete(jwt(T0.plusSeconds(1000)));
      long at = Duration.between(T0, m.refreshAt()).getSeconds();
      assertThat(at).isBetween(r == 0.0 ? 500L : 599L, r == 0.0 ? 500L : 600L);
    }
  }

  @Test
  void tokenWithoutExpIsAssumedToLastTwentyMinutes() throws Exception {
    AuthTokenManager m = manager(0.0);
    CompletableFuture<String> t = m.token();
    fetches.get(0).complete("not-a-jwt");
    assertThat(t.get()).isEqualTo("not-a-jwt");
    assertThat(m.refreshAt()).isEqualTo(T0.plusSeconds(600));
  }

  @Test
  void unauthenticatedFailsImmediatelyWithoutFallback() {
    AuthTokenManager m = manager(0.5);
    CompletableFuture<String> first = m.token();
    fetches.get(0).complete(jwt(T0.plusSeconds(1000)));
    assertThat(first).isCompleted();

    clock.advance(Duration.ofSeconds(700));
    CompletableFuture<String> refresh = m.token();
    fetches.get(1).completeExceptionally(denied());
    assertThatThrownBy(() -> Futures.join(refresh)).isInstanceOf(AuthException.class);

    CompletableFuture<String> none = manager(0.5).token();
    fetches.get(2).completeExceptionally(denied());
    assertThatThrownBy(() -> Futures.join(none)).isInstanceOf(AuthException.class);
  }

  @Test
  void transientFailureFallsBackToCachedTokenThenCoolsDown() throws Exception {
    AuthTokenManager m = manager(0.0);
    CompletableFuture<String> first = m.token();
    String old = jwt(T0.plusSeconds(1000));
    fetches.get(0).complete(old);
    first.get();

    clock.advance(Duration.ofSeconds(500)); // at the refresh point
    CompletableFuture<String> r1 = m.token();
    fetches.get(1).completeExceptionally(unavailable());
    assertThat(r1.get()).isEqualTo(old);

    // 0.5 s cooldown: no fetch yet.
    clock.advance(Duration.ofMillis(400));
    assertThat(m.token().get()).isEqualTo(old);
    assertThat(fetches).hasSize(2);

    clock.advance(Duration.ofMillis(200)); // cooldown over: fetch, fail again
    CompletableFuture<String> r2 = m.token();
    assertThat(fetches).hasSize(3);
    fetches.get(2).completeExceptionally(unavailable());
    assertThat(r2.get()).isEqualTo(old);

    // The cooldown doubled to 1 s.
    clock.advance(Duration.ofMillis(900));
    assertThat(m.token().get()).isEqualTo(old);
    assertThat(fetches).hasSize(3);
    clock.advance(Duration.ofMillis(200));
    CompletableFuture<String> r3 = m.token();
    assertThat(fetches).hasSize(4);
    String fresh = jwt(T0.plusSeconds(3000));
    fetches.get(3).complete(fresh);
    assertThat(r3.get()).isEqualTo(fresh);
  }

  @Test
  void failureWithNoCachedTokenIsReported() {
    AuthTokenManager m = manager(0.5);
    CompletableFuture<String> t = m.token();
    fetches.get(0).completeExceptionally(unavailable());
    assertThatThrownBy(() -> Futures.join(t)).isInstanceOf(ServiceException.class);
    // With no token to fall back on, the next caller tries again at once.
    m.token();
    assertThat(fetches).hasSize(2);
  }

  @Test
  void emptyTokenIsAnError() {
    AuthTokenManager m = manager(0.5);
    CompletableFuture<String> t = m.token();
    fetches.get(0).complete("");
    assertThatThrownBy(() -> Futures.join(t))
        .isInstanceOf(ModalException.class)
        .hasMessageContaining("empty auth token");
  }
}
