package dev.modal4j.testing.internal;

import dev.modal4j.proto.AuthTokenGetResponse;
import dev.modal4j.proto.ClientHelloResponse;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.testing.EmulatorState;
import io.grpc.ServerServiceDefinition;
import java.util.Map;

/** {@code AuthTokenGet} (a JWT-shaped token with {@code exp}) and {@code ClientHello}. */
public final class AuthArea implements EmulatorArea {
  private static final String SCOPE_CLAIM = "scope";
  private static final String AUTH_SCOPE = "auth";

  private final EmulatorState state;

  /** Creates the area over the emulator's shared state. */
  public AuthArea(EmulatorState state) {
    this.state = state;
  }

  /** Whether {@code token} is a live auth token issued by the emulator behind {@code jwts}. */
  public static boolean isAuthToken(Jwts jwts, String token) {
    return jwts.verify(token).map(c -> AUTH_SCOPE.equals(c.get(SCOPE_CLAIM))).orElse(false);
  }

  @Override
  public void bind(ServerServiceDefinition.Builder service) {
    Unary.bind(
        service,
        ModalClientGrpc.getAuthTokenGetMethod(),
        request ->
            AuthTokenGetResponse.newBuilder()
                .setToken(
                    state.jwts().issue(state.tokenLifetime(), Map.of(SCOPE_CLAIM, AUTH_SCOPE)))
                .build());
    Unary.bind(
        service,
        ModalClientGrpc.getClientHelloMethod(),
        request -> ClientHelloResponse.getDefaultInstance());
  }
}
