package dev.modal4j.testing.sandboxes.router;

import dev.modal4j.testing.EmulatorState;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The router's auth: every call carries {@code authorization: Bearer <jwt>}, a JWT this emulator
 * issued for the router ({@code aud}), unexpired, naming one task; handlers then check that the
 * request is for that task ({@link #checkTask}). Anything else is UNAUTHENTICATED, as are the calls
 * an injected fault refuses ({@link dev.modal4j.testing.Faults#failRouterAuth}).
 */
final class RouterAuth implements ServerInterceptor {
  static final String AUDIENCE = "modal.task_command_router";
  private static final String TASK_CLAIM = "task_id";
  private static final Context.Key<String> TASK = Context.key("modal4j-router-task");
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final String BEARER = "Bearer ";

  private final EmulatorState state;

  /** An interceptor checking tokens of {@code state}'s issuer. */
  RouterAuth(EmulatorState state) {
    this.state = state;
  }

  /** A router JWT for {@code taskId}, living as long as the emulator's auth tokens. */
  String issue(String taskId) {
    Duration lifetime = state.tokenLifetime();
    return state.jwts().issue(lifetime, Map.of(TASK_CLAIM, taskId, "aud", AUDIENCE));
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    Optional<String> task = taskOf(headers.get(AUTHORIZATION));
    String refusal = null;
    if (state.faults().takeRouterAuthFailure()) {
      refusal = "router token expired (fault)";
    } else if (task.isEmpty()) {
      refusal = "missing, invalid or expired router token";
    }
    if (refusal != null) {
      call.close(Status.UNAUTHENTICATED.withDescription(refusal), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return Contexts.interceptCall(
        Context.current().withValue(TASK, task.get()), call, headers, next);
  }

  private Optional<String> taskOf(String authorization) {
    if (authorization == null || !authorization.startsWith(BEARER)) {
      return Optional.empty();
    }
    return state
        .jwts()
        .verify(authorization.substring(BEARER.length()).trim())
        .filter(claims -> AUDIENCE.equals(claims.get("aud")))
        .map(claims -> claims.get(TASK_CLAIM))
        .filter(String.class::isInstance)
        .map(String.class::cast);
  }

  /**
   * Refuses a request for another task than the caller's token names.
   *
   * @throws io.grpc.StatusRuntimeException UNAUTHENTICATED
   */
  static void checkTask(String taskId) {
    String allowed = TASK.get();
    if (allowed == null || !allowed.equals(taskId)) {
      throw Status.UNAUTHENTICATED
          .withDescription("the router token is not for task " + taskId)
          .asRuntimeException();
    }
  }
}
