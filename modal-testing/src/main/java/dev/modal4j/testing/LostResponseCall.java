package dev.modal4j.testing;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;

/**
 * A unary call whose response is lost on the way back: the handler runs to completion, then the
 * client receives UNAVAILABLE instead of the response message ({@link Faults#loseResponses}).
 */
final class LostResponseCall<Q, R> extends SimpleForwardingServerCall<Q, R> {
  LostResponseCall(ServerCall<Q, R> call) {
    super(call);
  }

  @Override
  public void sendHeaders(Metadata headers) {
    // Held back: the response these headers belong to is lost.
  }

  @Override
  public void sendMessage(R message) {
    // Dropped: the server did the work, the client never hears of it.
  }

  @Override
  public void close(Status status, Metadata trailers) {
    if (!status.isOk()) {
      super.close(status, trailers);
      return;
    }
    String rpc = getMethodDescriptor().getBareMethodName();
    super.close(
        Status.UNAVAILABLE.withDescription(
            "Injected fault: the response to " + rpc + " was lost after it was served"),
        new Metadata());
  }
}
