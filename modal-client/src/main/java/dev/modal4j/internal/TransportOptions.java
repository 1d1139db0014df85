package dev.modal4j.internal;

import io.grpc.Channel;
import io.grpc.ClientInterceptor;
import java.util.List;
import java.util.function.Function;

/**
 * How the client reaches Modal, as given to its builder.
 *
 * @param channel a caller-owned channel for the control plane, or null to open one
 * @param interceptors the caller's interceptors, run in this order after modal4j's headers
 * @param allowInsecure whether plaintext may reach hosts that are not loopback
 * @param inputPlaneChannels caller-owned channels per input-plane URL, or null: then the supplied
 *     {@code channel} if any, else one Netty channel per URL
 */
public record TransportOptions(
    Channel channel,
    List<ClientInterceptor> interceptors,
    boolean allowInsecure,
    Function<String, Channel> inputPlaneChannels) {

  /** Copies the interceptor list. */
  public TransportOptions {
    interceptors = List.copyOf(interceptors);
  }
}
