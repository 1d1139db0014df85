package dev.modal4j.internal.rpc;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.modal4j.proto.RPCRetryPolicy;
import dev.modal4j.proto.RPCStatus;
import io.grpc.Metadata;
import java.time.Duration;
import java.util.Optional;

/** Reads a server-directed retry ({@code RPCRetryPolicy}) from a failed call's trailers. */
final class ThrottleDetail {
  private static final String TYPE_SUFFIX = "/modal.client.RPCRetryPolicy";

  private ThrottleDetail() {}

  /** The server's {@code retry_after_secs}, if the trailers carry an RPCRetryPolicy. */
  static Optional<Duration> retryAfter(Metadata trailers) {
    if (trailers == null) {
      return Optional.empty();
    }
    byte[] bytes = trailers.get(RpcHeaders.STATUS_DETAILS);
    if (bytes == null) {
      return Optional.empty();
    }
    try {
      for (Any any : RPCStatus.parseFrom(bytes).getDetailsList()) {
        if (any.getTypeUrl().endsWith(TYPE_SUFFIX)) {
          float secs = RPCRetryPolicy.parseFrom(any.getValue()).getRetryAfterSecs();
          long nanos = Float.isFinite(secs) && secs > 0 ? (long) (secs * 1e9) : 0;
          return Optional.of(Duration.ofNanos(nanos));
        }
      }
    } catch (InvalidProtocolBufferException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
