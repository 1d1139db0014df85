package dev.modal4j.internal.auth;

import dev.modal4j.AuthException;
import dev.modal4j.internal.Futures;
import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.Status;
import java.util.concurrent.Executor;

/**
 * Adds {@code x-modal-auth-token} to every call except AuthTokenGet, getting the token
 * asynchronously so no gRPC thread blocks.
 *
 * <p>When no token can be had, the call fails with a status whose cause is the {@code
 * ModalException} from the token fetch; the RPC layer rethrows that exception as is.
 */
public final class AuthCallCredentials extends CallCredentials {
  /** The header carrying the JWT. */
  public static final Metadata.Key<String> AUTH_TOKEN =
      Metadata.Key.of("x-modal-auth-token", Metadata.ASCII_STRING_MARSHALLER);

  private static final String AUTH_TOKEN_GET = "modal.client.ModalClient/AuthTokenGet";

  private final AuthTokenManager tokens;

  /** Credentials that take their tokens from {@code tokens}. */
  public AuthCallCredentials(AuthTokenManager tokens) {
    this.tokens = tokens;
  }

  @Override
  public void applyRequestMetadata(
      RequestInfo info, Executor appExecutor, MetadataApplier applier) {
    if (AUTH_TOKEN_GET.equals(info.getMethodDescriptor().getFullMethodName())) {
      applier.apply(new Metadata());
      return;
    }
    tokens
        .token()
        .whenComplete(
            (token, err) -> {
              if (err == null) {
                Metadata headers = new Metadata();
                headers.put(AUTH_TOKEN, token);
                applier.apply(headers);
                return;
              }
              Throwable cause = Futures.unwrap(err);
              Status status =
                  cause instanceof AuthException ? Status.UNAUTHENTICATED : Status.UNAVAILABLE;
              applier.fail(
                  status.withDescription("No auth token: " + cause.getMessage()).withCause(cause));
            });
  }
}
