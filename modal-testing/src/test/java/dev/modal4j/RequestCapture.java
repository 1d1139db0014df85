package dev.modal4j;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.MethodDescriptor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the request messages a client sends, to check what reached the wire. */
final class RequestCapture implements ClientInterceptor {
  private final List<Object> requests = new CopyOnWriteArrayList<>();

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
      @Override
      public void sendMessage(Q message) {
        requests.add(message);
        super.sendMessage(message);
      }
    };
  }

  /** The requests of this type sent so far, oldest first (retried attempts repeat). */
  <T> List<T> of(Class<T> type) {
    return requests.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
