package dev.modal4j.internal.sandbox;

import dev.modal4j.internal.auth.Jwt;
import io.grpc.Metadata;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JWT of one command-router connection: the only credential router calls carry ({@code
 * authorization: Bearer <jwt>}). Refreshed through the access RPC, one refresh at a time, when a
 * call is refused as UNAUTHENTICATED or fewer than 30 s of its life are left.
 */
final class RouterAuth {
  private static final Logger log = LoggerFactory.getLogger(RouterAuth.class);
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final long REFRESH_MARGIN_SECONDS = 30;

  private final Supplier<CompletableFuture<RouterAccess>> fetch;
  private final LongSupplier epochSeconds;
  private final String url;
  private volatile String jwt;
  private volatile OptionalLong exp;
  private CompletableFuture<Void> refreshing;

  RouterAuth(
      RouterAccess initial,
      Supplier<CompletableFuture<RouterAccess>> fetch,
      LongSupplier epochSeconds) {
    this.fetch = fetch;
    this.epochSeconds = epochSeconds;
    this.url = initial.url();
    set(initial.jwt());
  }

  private void set(String token) {
    jwt = token;
    exp = Jwt.expiry(token);
  }

  /** The token calls carry now. */
  String token() {
    return jwt;
  }

  static Metadata headers(String token) {
    Metadata m = new Metadata();
    m.put(AUTHORIZATION, "Bearer " + token);
    return m;
  }

  /** Whether the token has fewer than 30 s left (false when its expiry is unknown). */
  boolean expiresSoon() {
    OptionalLong e = exp;
    return e.isPresent() && e.getAsLong() - epochSeconds.getAsLong() < REFRESH_MARGIN_SECONDS;
  }

  /**
   * Fetches a new token because {@code refused} was refused (or is about to expire), unless another
   * call has replaced that token already or is fetching one now (then waits for that).
   */
  synchronized CompletableFuture<Void> refresh(String refused) {
    if (refreshing != null && !refreshing.isDone()) {
      return refreshing;
    }
    if (!refused.equals(jwt)) {
      log.debug("Skipping the command router token refresh: another call refreshed it");
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> f =
        fetch
            .get()
            .thenAccept(
                access -> {
                  if (!access.url().equals(url)) {
                    log.warn("The command router URL changed during the session");
                  }
                  set(access.jwt());
                });
    refreshing = f;
    return f;
  }
}
