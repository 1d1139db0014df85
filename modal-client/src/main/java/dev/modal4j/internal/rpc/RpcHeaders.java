package dev.modal4j.internal.rpc;

import io.grpc.Metadata;
import java.util.Locale;

/** The header keys modal4j sends (protocol/functions.md §1.3). */
public final class RpcHeaders {
  /** {@code x-modal-client-type}. */
  public static final Metadata.Key<String> CLIENT_TYPE = key("x-modal-client-type");

  /** {@code x-modal-client-version}. */
  public static final Metadata.Key<String> CLIENT_VERSION = key("x-modal-client-version");

  /** {@code x-modal-libmodal-version}. */
  public static final Metadata.Key<String> LIBMODAL_VERSION = key("x-modal-libmodal-version");

  /** {@code x-modal-token-id}. */
  public static final Metadata.Key<String> TOKEN_ID = key("x-modal-token-id");

  /** {@code x-modal-token-secret}. */
  public static final Metadata.Key<String> TOKEN_SECRET = key("x-modal-token-secret");

  /** {@code x-idempotency-key}. */
  public static final Metadata.Key<String> IDEMPOTENCY_KEY = key("x-idempotency-key");

  /** {@code x-retry-attempt}. */
  public static final Metadata.Key<String> RETRY_ATTEMPT = key("x-retry-attempt");

  /** {@code x-retry-delay}. */
  public static final Metadata.Key<String> RETRY_DELAY = key("x-retry-delay");

  /** {@code x-throttle-retry-attempt}. */
  public static final Metadata.Key<String> THROTTLE_RETRY_ATTEMPT = key("x-throttle-retry-attempt");

  /** {@code x-throttle-retry-delay}. */
  public static final Metadata.Key<String> THROTTLE_RETRY_DELAY = key("x-throttle-retry-delay");

  /** Where the server puts an {@code RPCStatus} with typed details. */
  public static final Metadata.Key<byte[]> STATUS_DETAILS =
      Metadata.Key.of("grpc-status-details-bin", Metadata.BINARY_BYTE_MARSHALLER);

  private RpcHeaders() {}

  /** Seconds with 3 decimals, as the retry delay headers carry them. */
  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
  }

  private static Metadata.Key<String> key(String name) {
    return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
  }
}
