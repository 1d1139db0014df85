package dev.modal4j.testing.sandboxes.snapshots;

import dev.modal4j.proto.SandboxGetExitSnapshotResponse;
import dev.modal4j.proto.SandboxGetExitSnapshotResponse.ErrorCode;
import dev.modal4j.testing.sandboxes.SandboxControl;
import dev.modal4j.testing.sandboxes.backend.SandboxImages;
import dev.modal4j.testing.sandboxes.backend.SandboxRuntime;
import io.grpc.Status;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Exit snapshots: a sandbox created with {@code experimental_options_v2["enable_exit_snapshot"] =
 * "true"} (the option Modal's Python SDK sends; the wire facts' {@code Sandbox} message has no
 * field of its own for it) has its filesystem saved as an image when it ends, just before the
 * backend releases it (its entrypoint exited, it timed out or it was terminated).
 * SandboxGetExitSnapshot answers pending until then, then the image or the error.
 */
final class ExitSnapshots {
  static final String OPTION = "enable_exit_snapshot";

  private final SnapshotHub hub;
  private final Map<String, CompletableFuture<SandboxGetExitSnapshotResponse>> bySandbox =
      new ConcurrentHashMap<>();
  private volatile boolean closed;

  ExitSnapshots(SnapshotHub hub) {
    this.hub = hub;
    hub.sandboxes.onCreate(this::created);
  }

  private void created(SandboxControl.Found found) {
    if (!SnapshotHub.experimental(found.definition(), OPTION)) {
      return;
    }
    CompletableFuture<SandboxGetExitSnapshotResponse> outcome = new CompletableFuture<>();
    bySandbox.put(found.task().sandboxId(), outcome);
    found.beforeRelease(runtime -> outcome.complete(take(found, runtime)));
  }

  private SandboxGetExitSnapshotResponse take(SandboxControl.Found found, SandboxRuntime runtime) {
    if (closed) {
      return error(ErrorCode.ERROR_CODE_INTERNAL, "the emulator closed before the sandbox ended");
    }
    Optional<SandboxImages> fs = runtime.images();
    if (fs.isEmpty()) {
      return error(ErrorCode.ERROR_CODE_INTERNAL, "this sandbox backend cannot save images");
    }
    String[] image = hub.images.newImage();
    try {
      fs.get().commit(image[1]);
    } catch (IOException e) {
      return error(ErrorCode.ERROR_CODE_INTERNAL, "the exit snapshot failed: " + e.getMessage());
    }
    hub.images.register(found.appId(), image[1], image[0]);
    return SandboxGetExitSnapshotResponse.newBuilder()
        .setSuccess(SandboxGetExitSnapshotResponse.Success.newBuilder().setImageId(image[0]))
        .build();
  }

  /** The outcome, waiting up to {@code millis} while it is pending. */
  CompletableFuture<SandboxGetExitSnapshotResponse> get(String sandboxId, long millis) {
    hub.sandboxes.sandbox(sandboxId);
    CompletableFuture<SandboxGetExitSnapshotResponse> outcome = bySandbox.get(sandboxId);
    if (outcome == null) {
      throw Status.INVALID_ARGUMENT
          .withDescription("Exit snapshot is not enabled for this sandbox")
          .asRuntimeException();
    }
    return outcome
        .copy()
        .completeOnTimeout(
            SandboxGetExitSnapshotResponse.newBuilder()
                .setPending(SandboxGetExitSnapshotResponse.Pending.getDefaultInstance())
                .build(),
            millis,
            TimeUnit.MILLISECONDS);
  }

  void close() {
    closed = true;
  }

  private static SandboxGetExitSnapshotResponse error(ErrorCode code, String message) {
    return SandboxGetExitSnapshotResponse.newBuilder()
        .setError(
            SandboxGetExitSnapshotResponse.Error.newBuilder()
                .setErrorCode(code)
                .setMessage(message))
        .build();
  }
}
