package dev.modal4j.bench;

import dev.modal4j.proto.AuthTokenGetRequest;
import dev.modal4j.proto.ModalClientGrpc;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.netty.NettyChannelBuilder;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The raw-stub floor's connection: one plaintext Netty channel to the emulator, with the channel
 * settings and headers the SDK uses, and bare generated stubs. No retries, no mapping.
 */
final class RawConnection implements AutoCloseable {

  private static final int WINDOW = 64 * 1024 * 1024;
  private static final int MAX_MESSAGE = 100 * 1024 * 1024;
  private static final Metadata.Key<String> AUTH_TOKEN = key("x-modal-auth-token");
  private static final Metadata.Key<String> IDEMPOTENCY_KEY = key("x-idempotency-key");
  private static final Metadata.Key<String> RETRY_ATTEMPT = key("x-retry-attempt");
  private static final Metadata.Key<String> THROTTLE_RETRY_ATTEMPT =
      key("x-throttle-retry-attempt");

  private final ManagedChannel channel;
  private final ModalClientGrpc.ModalClientBlockingStub stub;
  private final ModalClientGrpc.ModalClientFutureStub futureStub;

  RawConnection(String serverUrl, String tokenId, String tokenSecret) {
    URI uri = URI.create(serverUrl);
    channel =
        NettyChannelBuilder.forAddress(uri.getHost(), uri.getPort())
            .usePlaintext()
            .initialFlowControlWindow(WINDOW)
            .flowControlWindow(WINDOW)
            .maxInboundMessageSize(MAX_MESSAGE)
            .keepAliveTime(30, TimeUnit.SECONDS)
            .keepAliveTimeout(10, TimeUnit.SECONDS)
            .keepAliveWithoutCalls(true)
            .build();
    Metadata statics = new Metadata();
    statics.put(key("x-modal-client-type"), "9");
    statics.put(key("x-modal-client-version"), "1.0.0");
    statics.put(key("x-modal-libmodal-version"), "modal4j/0.1.0-SNAPSHOT");
    statics.put(key("x-modal-token-id"), tokenId);
    statics.put(key("x-modal-token-secret"), tokenSecret);
    Channel withStatics = ClientInterceptors.intercept(channel, new Headers(statics));
    String token =
        ModalClientGrpc.newBlockingStub(withStatics)
            .authTokenGet(AuthTokenGetRequest.getDefaultInstance())
            .getToken();
    Metadata withToken = new Metadata();
    withToken.merge(statics);
    withToken.put(AUTH_TOKEN, token);
    Channel withHeaders = ClientInterceptors.intercept(channel, new Headers(withToken));
    stub = ModalClientGrpc.newBlockingStub(withHeaders);
    futureStub = ModalClientGrpc.newFutureStub(withHeaders);
  }

  /** A blocking stub whose calls carry the SDK's static, auth and per-call headers. */
  ModalClientGrpc.ModalClientBlockingStub stub() {
    return stub;
  }

  /** A future stub with the same headers, for RPCs the floor keeps several of in flight. */
  ModalClientGrpc.ModalClientFutureStub futureStub() {
    return futureStub;
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Metadata.Key<String> key(String name) {
    return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
  }

  /** Adds the fixed headers and, per call, a fresh idempotency key and zero attempt counters. */
  private static final class Headers implements ClientInterceptor {
    private final Metadata fixed;

    Headers(Metadata fixed) {
      this.fixed = fixed;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(
        MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
      return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
        @Override
        public void start(Listener<R> listener, Metadata headers) {
          headers.merge(fixed);
          headers.put(IDEMPOTENCY_KEY, UUID.randomUUID().toString());
          headers.put(RETRY_ATTEMPT, "0");
          headers.put(THROTTLE_RETRY_ATTEMPT, "0");
          super.start(listener, headers);
        }
      };
    }
  }
}
