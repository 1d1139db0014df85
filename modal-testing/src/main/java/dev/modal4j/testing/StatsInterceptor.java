package dev.modal4j.testing;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Counts and records every call (outermost interceptor), redacting the token secret. */
final class StatsInterceptor implements ServerInterceptor {
  static final String TOKEN_SECRET_HEADER = "x-modal-token-secret";

  private final EmulatorStats stats;
  private final Clock clock;

  StatsInterceptor(EmulatorStats stats, Clock clock) {
    this.stats = stats;
    this.clock = clock;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    RecordedCall recorded =
        new RecordedCall(
            call.getMethodDescriptor().getBareMethodName(), asciiHeaders(headers), clock.instant());
    stats.record(recorded);
    ServerCall<Q, R> watched =
        new SimpleForwardingServerCall<>(call) {
          @Override
          public void close(Status status, Metadata trailers) {
            recorded.finish(status.getCode());
            super.close(status, trailers);
          }
        };
    return new SimpleForwardingServerCallListener<>(next.startCall(watched, headers)) {
      @Override
      public void onCancel() {
        if (recorded.status().isEmpty()) {
          recorded.finish(Status.Code.CANCELLED);
        }
        super.onCancel();
      }
    };
  }

  private static Map<String, String> asciiHeaders(Metadata headers) {
    Map<String, String> out = new HashMap<>();
    for (String name : headers.keys()) {
      if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        continue;
      }
      if (name.equals(TOKEN_SECRET_HEADER)) {
        out.put(name, RecordedCall.REDACTED);
        continue;
      }
      String value = headers.get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
      if (value != null) {
        out.put(name, value);
      }
    }
    return out;
  }
}
