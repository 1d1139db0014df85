package dev.modal4j.internal.rpc;

import dev.modal4j.internal.ClientVersion;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

/** Adds the client identity and token credentials to every call. */
public final class StaticHeadersInterceptor implements ClientInterceptor {
  private final String tokenId;
  private final String tokenSecret;

  private final dev.modal4j.internal.auth.OAuthCredentials oauth;

  /** Headers carrying these credentials. */
  public StaticHeadersInterceptor(String tokenId, String tokenSecret) {
    this(tokenId, tokenSecret, null);
  }

  /** Headers carrying {@code oauth} when not null, else the token id and secret. */
  public StaticHeadersInterceptor(
      String tokenId, String tokenSecret, dev.modal4j.internal.auth.OAuthCredentials oauth) {
    this.tokenId = tokenId;
    this.tokenSecret = tokenSecret;
    this.oauth = oauth;
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        headers.put(RpcHeaders.CLIENT_TYPE, ClientVersion.CLIENT_TYPE);
        headers.put(RpcHeaders.CLIENT_VERSION, ClientVersion.CLIENT_VERSION);
        headers.put(RpcHeaders.LIBMODAL_VERSION, ClientVersion.LIBMODAL_VERSION);
        if (oauth != null) {
          oauth.addHeaders(headers);
        } else {
          headers.put(RpcHeaders.TOKEN_ID, tokenId);
          headers.put(RpcHeaders.TOKEN_SECRET, tokenSecret);
        }
        super.start(listener, headers);
      }
    };
  }

  @Override
  public String toString() {
    return "StaticHeadersInterceptor{tokenId=" + tokenId + ", tokenSecret=<redacted>}";
  }
}
