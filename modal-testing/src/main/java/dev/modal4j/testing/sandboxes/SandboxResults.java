package dev.modal4j.testing.sandboxes;

import dev.modal4j.proto.GenericResult;
import dev.modal4j.proto.GenericResult.GenericStatus;
import dev.modal4j.testing.sandboxes.backend.ExitStatus;

/** The results a sandbox ends with, as Modal reports them. */
final class SandboxResults {
  private SandboxResults() {}

  /** The entrypoint exited: SUCCESS for code 0, else FAILURE; a signal counts as 128 + n. */
  static GenericResult exited(ExitStatus status) {
    int code = status.shellCode();
    return GenericResult.newBuilder()
        .setStatus(
            code == 0 ? GenericStatus.GENERIC_STATUS_SUCCESS : GenericStatus.GENERIC_STATUS_FAILURE)
        .setExitcode(code)
        .build();
  }

  /** Ended by SandboxTerminate. */
  static GenericResult terminated() {
    return GenericResult.newBuilder().setStatus(GenericStatus.GENERIC_STATUS_TERMINATED).build();
  }

  /** Ended by its timeout. */
  static GenericResult timedOut(int seconds) {
    return GenericResult.newBuilder()
        .setStatus(GenericStatus.GENERIC_STATUS_TIMEOUT)
        .setException("Sandbox timed out after " + seconds + "s")
        .build();
  }

  /** Ended by its idle timeout. */
  static GenericResult idle(int seconds) {
    return GenericResult.newBuilder()
        .setStatus(GenericStatus.GENERIC_STATUS_IDLE_TIMEOUT)
        .setException("Sandbox was idle for " + seconds + "s")
        .build();
  }

  /** Could not be started. */
  static GenericResult initFailure(String why) {
    return GenericResult.newBuilder()
        .setStatus(GenericStatus.GENERIC_STATUS_INIT_FAILURE)
        .setException(why)
        .build();
  }
}
