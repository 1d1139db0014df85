package dev.modal4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Empty;
import dev.modal4j.proto.AppGetOrCreateRequest;
import dev.modal4j.proto.AuthTokenGetRequest;
import dev.modal4j.proto.ModalClientGrpc.ModalClientBlockingStub;
import dev.modal4j.proto.ObjectCreationType;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EmulatorAuthTest {
  private static final AppGetOrCreateRequest CREATE_APP =
      AppGetOrCreateRequest.newBuilder()
          .setAppName("auth-test")
          .setObjectCreationType(ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_IF_MISSING)
          .build();

  @Test
  void tokenIsJwtShapedWithExpAtNowPlusLifetime() throws Exception {
    try (ModalEmulator emulator =
        ModalEmulator.builder().tokenLifetime(Duration.ofMinutes(30)).start()) {
      long before = Instant.now().getEpochSecond();
      String token = token(emulator);
      long after = Instant.now().getEpochSecond();

      String[] parts = token.split("\\.");
      assertThat(parts).hasSize(3);
      JsonNode header = json(parts[0]);
      JsonNode payload = json(parts[1]);
      assertThat(header.get("alg").asText()).isEqualTo("HS256");
      assertThat(payload.get("exp").asLong()).isBetween(before + 1800, after + 1800);
      assertThat(payload.get("iat").asLong()).isBetween(before, after);
      assertThat(payload.get("jti").asText()).isNotBlank();
      assertThat(token(emulator)).isNotEqualTo(token);
    }
  }

  @Test
  void issuedTokenIsAcceptedOnLaterCalls() {
    try (ModalEmulator emulator = ModalEmulator.start()) {
      String token = token(emulator);
      String appId =
          Stubs.authenticated(emulator.inProcessChannel(), token)
              .appGetOrCreate(CREATE_APP)
              .getAppId();
      assertThat(appId).startsWith("ap-");
      assertThat(
              Stubs.authenticated(emulator.inProcessChannel(), token)
                  .clientHello(Empty.getDefaultInstance())
                  .getServerWarningsList())
          .isEmpty();
    }
  }

  @Test
  void callsWithoutTokenIdOrSecretAreUnauthenticated() {
    try (ModalEmulator emulator = ModalEmulator.start()) {
      var channel = emulator.inProcessChannel();
      assertUnauthenticated(() -> Stubs.withHeaders(channel).authTokenGet(request()));
      assertUnauthenticated(
          () -> Stubs.withHeaders(channel, "x-modal-token-id", "ak-1").authTokenGet(request()));
      assertUnauthenticated(
          () -> Stubs.withHeaders(channel, "x-modal-token-secret", "as-1").authTokenGet(request()));
      assertUnauthenticated(
          () ->
              Stubs.withHeaders(channel, "x-modal-token-id", "", "x-modal-token-secret", "as-1")
                  .appGetOrCreate(CREATE_APP));
      assertUnauthenticated(
          () -> Stubs.withHeaders(channel).clientHello(Empty.getDefaultInstance()));
      assertThat(emulator.state().apps().list()).isEmpty();
    }
  }

  @Test
  void expiredTokenIsUnauthenticated() {
    MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    try (ModalEmulator emulator =
        ModalEmulator.builder().clock(clock).tokenLifetime(Duration.ofMinutes(10)).start()) {
      String token = token(emulator);
      ModalClientBlockingStub stub = Stubs.authenticated(emulator.inProcessChannel(), token);
      clock.advance(Duration.ofMinutes(9));
      assertThat(stub.appGetOrCreate(CREATE_APP).getAppId()).isNotEmpty();

      clock.advance(Duration.ofMinutes(1));
      assertUnauthenticated(() -> stub.appGetOrCreate(CREATE_APP));
      assertThat(stub.authTokenGet(request()).getToken()).isNotEqualTo(token);
    }
  }

  @Test
  void forgedOrForeignTokensAreUnauthenticated() {
    try (ModalEmulator emulator = ModalEmulator.start();
        ModalEmulator other = ModalEmulator.start()) {
      var channel = emulator.inProcessChannel();
      String token = token(emulator);
      String[] parts = token.split("\\.");
      String laterExp =
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(
                  new String(Base64.getUrlDecoder().decode(parts[1]))
                      .replaceAll("\"exp\":\\d+", "\"exp\":99999999999")
                      .getBytes());
      String tampered = parts[0] + "." + laterExp + "." + parts[2];

      assertUnauthenticated(
          () -> Stubs.authenticated(channel, tampered).appGetOrCreate(CREATE_APP));
      assertUnauthenticated(
          () -> Stubs.authenticated(channel, token(other)).appGetOrCreate(CREATE_APP));
      assertUnauthenticated(
          () -> Stubs.authenticated(channel, "not-a-jwt").appGetOrCreate(CREATE_APP));
      assertUnauthenticated(() -> Stubs.authenticated(channel, "").appGetOrCreate(CREATE_APP));
      assertThat(Stubs.authenticated(channel, token).appGetOrCreate(CREATE_APP).getAppId())
          .isNotEmpty();
    }
  }

  @Test
  void authTokenGetNeedsOnlyTheIdAndSecret() {
    try (ModalEmulator emulator = ModalEmulator.start()) {
      String token =
          Stubs.authenticated(emulator.inProcessChannel(), "stale.or.bogus")
              .authTokenGet(request())
              .getToken();
      assertThat(token).isNotEmpty();
    }
  }

  @Test
  void methodsNoAreaServesAreUnimplemented() {
    try (ModalEmulator emulator = ModalEmulator.start()) {
      // An RPC of Modal's service that no area of the emulator declares or serves.
      io.grpc.MethodDescriptor<byte[], byte[]> unserved =
          io.grpc.MethodDescriptor.<byte[], byte[]>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName("modal.client.ModalClient/WorkspaceNameLookup")
              .setRequestMarshaller(Bytes.MARSHALLER)
              .setResponseMarshaller(Bytes.MARSHALLER)
              .build();
      io.grpc.Channel channel = Stubs.credentials(emulator.inProcessChannel()).getChannel();
      assertThatThrownBy(
              () ->
                  io.grpc.stub.ClientCalls.blockingUnaryCall(
                      channel,
                      unserved,
                      Stubs.credentials(emulator.inProcessChannel()).getCallOptions(),
                      new byte[0]))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));
    }
  }

  static String token(ModalEmulator emulator) {
    return Stubs.credentials(emulator.inProcessChannel()).authTokenGet(request()).getToken();
  }

  private static AuthTokenGetRequest request() {
    return AuthTokenGetRequest.getDefaultInstance();
  }

  private static JsonNode json(String base64url) throws Exception {
    return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(base64url));
  }

  private static void assertUnauthenticated(Runnable call) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
  }

  /** Passes raw bytes through, for calling methods that have no generated stub. */
  private static final class Bytes implements io.grpc.MethodDescriptor.Marshaller<byte[]> {
    static final Bytes MARSHALLER = new Bytes();

    @Override
    public java.io.InputStream stream(byte[] value) {
      return new java.io.ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(java.io.InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
