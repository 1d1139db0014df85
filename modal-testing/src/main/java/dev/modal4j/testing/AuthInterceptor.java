package dev.modal4j.testing;

import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.testing.internal.AuthArea;
import dev.modal4j.testing.internal.Jwts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Modal's credential rules for {@code modal.client.ModalClient}: a token id and secret on every
 * call (any non-empty values), and, when {@code x-modal-auth-token} is sent, a live token this
 * emulator issued. {@code AuthTokenGet} needs only the id and secret. OAuth machine credentials
 * (refresh token, client id, client secret or assertion) stand in for the id and secret; they are
 * checked on {@code AuthTokenGet} and on any call without an auth token.
 */
final class AuthInterceptor implements ServerInterceptor {
  private static final Metadata.Key<String> TOKEN_ID =
      Metadata.Key.of("x-modal-token-id", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> TOKEN_SECRET =
      Metadata.Key.of(StatsInterceptor.TOKEN_SECRET_HEADER, Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> AUTH_TOKEN =
      Metadata.Key.of("x-modal-auth-token", Metadata.ASCII_STRING_MARSHALLER);

  private final Jwts jwts;
  private final dev.modal4j.testing.oauth.OAuthClients oauth;

  AuthInterceptor(Jwts jwts, dev.modal4j.testing.oauth.OAuthClients oauth) {
    this.jwts = jwts;
    this.oauth = oauth;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (!ModalClientGrpc.SERVICE_NAME.equals(call.getMethodDescriptor().getServiceName())) {
      return next.startCall(call, headers);
    }
    String authToken = headers.get(AUTH_TOKEN);
    boolean tokenGet =
        call.getMethodDescriptor()
            .getFullMethodName()
            .equals(ModalClientGrpc.getAuthTokenGetMethod().getFullMethodName());
    if (dev.modal4j.testing.oauth.OAuthClients.present(headers)) {
      // the OAuth credentials are exchanged on AuthTokenGet; other calls show the auth token
      if (tokenGet || authToken == null) {
        java.util.Optional<String> why = oauth.check(headers);
        if (why.isPresent()) {
          return refuse(call, why.get());
        }
      }
    } else if (isBlank(headers.get(TOKEN_ID)) || isBlank(headers.get(TOKEN_SECRET))) {
      return refuse(
          call,
          "Token missing: send x-modal-token-id and x-modal-token-secret"
              + " (MODAL_TOKEN_ID / MODAL_TOKEN_SECRET)");
    }
    if (authToken != null && !tokenGet && !AuthArea.isAuthToken(jwts, authToken)) {
      return refuse(call, "Invalid or expired auth token (x-modal-auth-token)");
    }
    return next.startCall(call, headers);
  }

  private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, String message) {
    call.close(Status.UNAUTHENTICATED.withDescription(message), new Metadata());
    return new ServerCall.Listener<>() {};
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
