package dev.modal4j.sandboxes;

import dev.modal4j.ConflictException;
import dev.modal4j.SandboxTerminatedException;
import dev.modal4j.SandboxTimeoutException;
import dev.modal4j.ServiceException;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.proto.GenericResult;
import dev.modal4j.proto.GenericResult.GenericStatus;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.SandboxGetTaskIdRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The task behind a sandbox (SandboxGetTaskId, or SandboxGetTaskIdV2 for a V2 sandbox;
 * protocol/resources.md §5.6): asked every 500 ms, at most 600 times, until it has one; a sandbox
 * that has finished has none.
 */
final class TaskIds {
  private static final int MAX_ATTEMPTS = 600;
  private static final long POLL_MILLIS = 500;

  private TaskIds() {}

  static CompletableFuture<String> fetch(ClientContext context, String sandboxId) {
    CompletableFuture<String> result = new CompletableFuture<>();
    attempt(context, sandboxId, SandboxVersion.isV2(sandboxId), 0, result);
    return result;
  }

  private static void attempt(
      ClientContext context,
      String sandboxId,
      boolean v2,
      int n,
      CompletableFuture<String> result) {
    if (result.isDone()) {
      return;
    }
    context
        .controlPlane()
        .unary(
            v2
                ? ModalClientGrpc.getSandboxGetTaskIdV2Method()
                : ModalClientGrpc.getSandboxGetTaskIdMethod(),
            SandboxGetTaskIdRequest.newBuilder().setSandboxId(sandboxId).build())
        .whenComplete(
            (resp, err) -> {
              if (err != null) {
                result.completeExceptionally(err);
              } else if (resp.hasTaskResult()
                  && resp.getTaskResult().getStatus() != GenericStatus.GENERIC_STATUS_UNSPECIFIED) {
                result.completeExceptionally(finished(sandboxId, resp.getTaskResult()));
              } else if (resp.hasTaskId() && !resp.getTaskId().isEmpty()) {
                result.complete(resp.getTaskId());
              } else if (n + 1 >= MAX_ATTEMPTS) {
                result.completeExceptionally(
                    new ServiceException("Timed out waiting for the task of sandbox " + sandboxId));
              } else {
                context
                    .scheduler()
                    .schedule(
                        () ->
                            context
                                .executor()
                                .execute(() -> attempt(context, sandboxId, v2, n + 1, result)),
                        POLL_MILLIS,
                        TimeUnit.MILLISECONDS);
              }
            });
  }

  static RuntimeException finished(String sandboxId, GenericResult r) {
    switch (r.getStatus()) {
      case GENERIC_STATUS_TERMINATED:
        return new SandboxTerminatedException("Sandbox " + sandboxId + " was terminated");
      case GENERIC_STATUS_TIMEOUT:
      case GENERIC_STATUS_IDLE_TIMEOUT:
        return new SandboxTimeoutException("Sandbox " + sandboxId + " timed out");
      default:
        return new ConflictException(
            "Sandbox "
                + sandboxId
                + " has already completed"
                + (r.getException().isEmpty()
                    ? ""
                    : " with result: exception: " + r.getException()));
    }
  }
}
