package dev.modal4j.internal.auth;

import dev.modal4j.AuthException;
import dev.modal4j.ModalException;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.events.Events;
import dev.modal4j.internal.rpc.CallPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The auth token (JWT) of one client (protocol/functions.md §1.4): fetched once however many
 * callers wait, refreshed at 50-60% of its life, cooled down after failures, never blocking.
 */
public final class AuthTokenManager {
  private static final Logger log = LoggerFactory.getLogger(AuthTokenManager.class);
  private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(20);
  private static final Duration BACKOFF_BASE = Duration.ofMillis(500);
  private static final Duration BACKOFF_MAX = Duration.ofSeconds(60);

  private final Function<CallPolicy, CompletableFuture<String>> fetcher;
  private final Clock clock;
  private final DoubleSupplier random;
  private final Events events;

  private Token current;
  private CompletableFuture<String> inFlight;
  private Instant cooldownUntil;
  private Duration backoff = BACKOFF_BASE;

  /**
   * @param fetcher makes one AuthTokenGet with the given policy and returns the token text
   * @param random values in [0, 1) that spread the refresh point over 50-60% of the lifetime
   */
  public AuthTokenManager(
      Function<CallPolicy, CompletableFuture<String>> fetcher, Clock clock, DoubleSupplier random) {
    this(fetcher, clock, random, null);
  }

  /**
   * @param fetcher makes one AuthTokenGet with the given policy and returns the token text
   * @param random values in [0, 1) that spread the refresh point over 50-60% of the lifetime
   * @param events told about every fetch; null for none
   */
  public AuthTokenManager(
      Function<CallPolicy, CompletableFuture<String>> fetcher,
      Clock clock,
      DoubleSupplier random,
      Events events) {
    this.events = events;
    this.fetcher = fetcher;
    this.clock = clock;
    this.random = random;
  }

  /** The token to send now; fails with {@link AuthException} if the credentials are refused. */
  public CompletableFuture<String> token() {
    CompletableFuture<String> refresh;
    Token cached;
    synchronized (this) {
      Instant now = clock.instant();
      cached = current;
      boolean cooling = cooldownUntil != null && now.isBefore(cooldownUntil);
      if (cached == null || (!now.isBefore(cached.expiry) && !cooling)) {
        refresh = startFetch();
      } else if (!now.isBefore(cached.refreshAt) && !cooling && inFlight == null) {
        refresh = startFetch();
      } else {
        return CompletableFuture.completedFuture(cached.text);
      }
    }
    if (cached == null) {
      return refresh.copy();
    }
    return refresh.handle(
        (tok, err) -> {
          if (err == null) {
            return tok;
          }
          Throwable cause = Futures.unwrap(err);
          if (cause instanceof AuthException) {
            throw (AuthException) cause;
          }
          log.warn("Auth token refresh failed; using the cached token: {}", cause.toString());
          return cached.text;
        });
  }

  private CompletableFuture<String> startFetch() {
    if (inFlight != null) {
      return inFlight;
    }
    CallPolicy policy =
        CallPolicy.builder()
            .maxRetries(current == null ? CallPolicy.DEFAULT.maxRetries() : 0)
            .attemptTimeout(ATTEMPT_TIMEOUT)
            .build();
    CompletableFuture<String> f = new CompletableFuture<>();
    inFlight = f;
    CompletableFuture<String> rpc;
    try {
      rpc = fetcher.apply(policy);
    } catch (RuntimeException e) {
      rpc = CompletableFuture.failedFuture(e);
    }
    long started = events == null ? 0 : System.nanoTime();
    rpc.whenComplete((tok, err) -> finish(f, tok, err, started));
    return f;
  }

  private void finish(CompletableFuture<String> f, String tok, Throwable err, long started) {
    Throwable failure = err == null ? null : Futures.unwrap(err);
    if (failure == null && (tok == null || tok.isEmpty())) {
      failure = new ModalException("The server returned an empty auth token");
    }
    synchronized (this) {
      inFlight = null;
      Instant now = clock.instant();
      if (failure == null) {
        current = newToken(tok, now);
        cooldownUntil = null;
        backoff = BACKOFF_BASE;
      } else if (!(failure instanceof AuthException)) {
        cooldownUntil = now.plus(backoff);
        backoff =
            backoff.multipliedBy(2).compareTo(BACKOFF_MAX) > 0
                ? BACKOFF_MAX
                : backoff.multipliedBy(2);
      }
    }
    if (events != null) {
      Instant expiry;
      synchronized (this) {
        expiry = failure == null && current != null ? current.expiry : null;
      }
      events.tokenRefresh(failure == null, System.nanoTime() - started, expiry);
    }
    if (failure == null) {
      f.complete(tok);
    } else {
      log.debug("Auth token fetch failed: {}", failure.toString());
      f.completeExceptionally(failure);
    }
  }

  private Token newToken(String tok, Instant now) {
    Instant expiry;
    var exp = Jwt.expiry(tok);
    if (exp.isPresent()) {
      expiry = Instant.ofEpochSecond(exp.getAsLong());
    } else {
      log.warn("The auth token has no exp claim; assuming it expires in 20 minutes");
      expiry = now.plus(DEFAULT_LIFETIME);
    }
    Duration remaining = Duration.between(now, expiry);
    if (remaining.isNegative()) {
      remaining = Duration.ZERO;
    }
    double fraction = 0.5 + random.getAsDouble() * 0.1;
    Instant refreshAt = now.plusMillis((long) (remaining.toMillis() * fraction));
    log.debug("Fetched auth token; expires at {}, refresh at {}", expiry, refreshAt);
    return new Token(tok, expiry, refreshAt);
  }

  /** When the cached token will be refreshed (for tests); null before the first fetch. */
  synchronized Instant refreshAt() {
    return current == null ? null : current.refreshAt;
  }

  private static final class Token {
    final String text;
    final Instant expiry;
    final Instant refreshAt;

    Token(String text, Instant expiry, Instant refreshAt) {
      this.text = text;
      this.expiry = expiry;
      this.refreshAt = refreshAt;
    }

    @Override
    public String toString() {
      return "Token{<redacted>, expiry=" + expiry + "}";
    }
  }
}
