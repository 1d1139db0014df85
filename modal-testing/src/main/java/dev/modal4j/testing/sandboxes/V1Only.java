package dev.modal4j.testing.sandboxes;

import dev.modal4j.testing.internal.AsyncUnary;
import dev.modal4j.testing.internal.Unary;
import io.grpc.Status;
import java.util.function.Function;

/**
 * Wraps the handler of a V1 per-sandbox RPC so that it does not know V2 sandboxes, as Modal's V1
 * backend does not: a V2 id is NOT_FOUND there. (The V2 twins answer for both: Modal mirrors V1
 * sandboxes into its V2 store.)
 */
final class V1Only {
  private V1Only() {}

  static <Q, R> Unary.Handler<Q, R> unary(Function<Q, String> id, Unary.Handler<Q, R> handler) {
    return request -> {
      check(id.apply(request));
      return handler.handle(request);
    };
  }

  static <Q, R> AsyncUnary.Handler<Q, R> async(
      Function<Q, String> id, AsyncUnary.Handler<Q, R> handler) {
    return (request, reply) -> {
      check(id.apply(request));
      handler.handle(request, reply);
    };
  }

  private static void check(String sandboxId) {
    if (SandboxIds.isV2(sandboxId)) {
      throw Status.NOT_FOUND
          .withDescription("Sandbox '" + sandboxId + "' not found")
          .asRuntimeException();
    }
  }
}
