package dev.modal4j.testing.sandboxes.router;

import io.grpc.netty.GrpcHttp2ConnectionHandler;
import io.grpc.netty.InternalProtocolNegotiator;
import io.grpc.netty.InternalProtocolNegotiators;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;

/**
 * Serves the router in plaintext and in TLS on one port, chosen per connection by its first byte (a
 * TLS handshake record starts with 0x16, an HTTP/2 preface with "PRI"). Modal's Go and JS SDKs dial
 * a loopback router's {@code https://} URL in plaintext; Modal's Python SDK dials it in TLS, with
 * no certificate check and no ALPN. Both then speak the same gRPC service.
 */
final class PlaintextOrTls implements InternalProtocolNegotiator.ProtocolNegotiator {
  private static final int TLS_HANDSHAKE = 0x16;

  private final InternalProtocolNegotiator.ProtocolNegotiator plaintext =
      InternalProtocolNegotiators.serverPlaintext();
  private final Supplier<KeyManagerFactory> keys;
  private SslContext tls;

  /**
   * TLS connections present the certificate of {@code keys}, asked for on the first one (most
   * clients never dial TLS, so the emulator's start pays nothing for it).
   */
  PlaintextOrTls(Supplier<KeyManagerFactory> keys) {
    this.keys = keys;
  }

  private synchronized SslContext tls() {
    if (tls == null) {
      try {
        // no ALPN: Python's client offers none, which gRPC's own TLS negotiator refuses
        tls = SslContextBuilder.forServer(keys.get()).build();
      } catch (SSLException e) {
        throw new IllegalStateException("cannot set up the router's TLS", e);
      }
    }
    return tls;
  }

  @Override
  public AsciiString scheme() {
    return plaintext.scheme();
  }

  @Override
  public ChannelHandler newHandler(GrpcHttp2ConnectionHandler grpcHandler) {
    return new FirstByte(grpcHandler);
  }

  @Override
  public void close() {
    plaintext.close();
  }

  /**
   * Waits for a connection's first byte, then hands it to the plaintext negotiator (behind TLS).
   */
  private final class FirstByte extends ByteToMessageDecoder {
    private final GrpcHttp2ConnectionHandler grpcHandler;
    private final List<Object> events = new ArrayList<>();

    FirstByte(GrpcHttp2ConnectionHandler grpcHandler) {
      this.grpcHandler = grpcHandler;
    }

    /** Holds the transport's events (its negotiation start) for the negotiator not chosen yet. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      events.add(evt);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
      if (!in.isReadable()) {
        return;
      }
      boolean encrypted = in.getUnsignedByte(in.readerIndex()) == TLS_HANDSHAKE;
      ChannelHandler next = plaintext.newHandler(grpcHandler);
      ctx.pipeline().addAfter(ctx.name(), null, next);
      if (encrypted) {
        // TLS in front of the same plaintext HTTP/2: what the handler writes before the
        // handshake ends is held by the SslHandler until then
        ctx.pipeline().addAfter(ctx.name(), null, tls().newHandler(ctx.alloc()));
      }
      events.forEach(ctx::fireUserEventTriggered);
      events.clear();
      // removing this decoder passes the bytes read so far on to the negotiator just added
      ctx.pipeline().remove(this);
    }
  }
}
