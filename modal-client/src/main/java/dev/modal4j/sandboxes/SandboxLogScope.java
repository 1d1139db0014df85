package dev.modal4j.sandboxes;

import dev.modal4j.ModalException;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.logs.LogScope;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.SandboxGetTaskIdRequest;
import dev.modal4j.proto.SandboxWaitRequest;
import io.grpc.Status;
import java.util.concurrent.CompletableFuture;

/**
 * What a sandbox's logs are filtered by, as Modal's JS SDK finds it: the app from SandboxWait
 * (timeout 0) and the task from SandboxGetTaskId (timeout 0.5 s); a sandbox not scheduled yet has
 * no task, and its logs cannot be read.
 */
final class SandboxLogScope {
  static final float TASK_ID_TIMEOUT_SECS = 0.5f;

  private SandboxLogScope() {}

  static CompletableFuture<LogScope> resolve(ClientContext context, String sandboxId) {
    boolean v2 = SandboxVersion.isV2(sandboxId);
    CompletableFuture<String> appId =
        context
            .controlPlane()
            .unary(
                v2
                    ? ModalClientGrpc.getSandboxWaitV2Method()
                    : ModalClientGrpc.getSandboxWaitMethod(),
                SandboxWaitRequest.newBuilder().setSandboxId(sandboxId).setTimeout(0).build())
            .thenApply(
                r -> {
                  if (r.getMetadata().getAppId().isEmpty()) {
                    throw new ModalException(
                        "Sandbox " + sandboxId + " has no app id; cannot read its logs");
                  }
                  return r.getMetadata().getAppId();
                });
    CompletableFuture<String> taskId =
        context
            .controlPlane()
            .unary(
                v2
                    ? ModalClientGrpc.getSandboxGetTaskIdV2Method()
                    : ModalClientGrpc.getSandboxGetTaskIdMethod(),
                SandboxGetTaskIdRequest.newBuilder()
                    .setSandboxId(sandboxId)
                    .setTimeout(TASK_ID_TIMEOUT_SECS)
                    .build())
            .handle(
                (r, e) -> {
                  if (e != null) {
                    Throwable cause = Futures.unwrap(e);
                    if (cause instanceof ModalException m
                        && m.statusCode().orElse(null) == Status.Code.DEADLINE_EXCEEDED) {
                      throw new ModalException(
                          "Sandbox task ID is not available yet. Wait for the Sandbox to be"
                              + " scheduled.",
                          cause);
                    }
                    throw Futures.propagate(cause);
                  }
                  if (r.getTaskId().isEmpty()) {
                    throw new ModalException(
                        "Sandbox task ID is not available. Wait for the Sandbox to be scheduled.");
                  }
                  return r.getTaskId();
                });
    return appId.thenCombine(taskId, (app, task) -> LogScope.sandbox(app, sandboxId, task));
  }
}
