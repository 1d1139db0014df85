package dev.modal4j.testing;

import dev.modal4j.proto.ModalClientGrpc;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;

/** Blocking stubs with chosen request headers, for tests that speak the raw protocol. */
final class Stubs {
  private Stubs() {}

  /** A stub sending the given header name/value pairs and nothing else. */
  static ModalClientGrpc.ModalClientBlockingStub withHeaders(Channel channel, String... pairs) {
    Metadata headers = new Metadata();
    for (int i = 0; i < pairs.length; i += 2) {
      headers.put(Metadata.Key.of(pairs[i], Metadata.ASCII_STRING_MARSHALLER), pairs[i + 1]);
    }
    return ModalClientGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  /** A stub sending a token id and secret. */
  static ModalClientGrpc.ModalClientBlockingStub credentials(Channel channel) {
    return withHeaders(channel, "x-modal-token-id", "ak-test", "x-modal-token-secret", "as-test");
  }

  /** A stub sending a token id and secret and the auth token. */
  static ModalClientGrpc.ModalClientBlockingStub authenticated(Channel channel, String token) {
    return withHeaders(
        channel,
        "x-modal-token-id",
        "ak-test",
        "x-modal-token-secret",
        "as-test",
        "x-modal-auth-token",
        token);
  }
}
