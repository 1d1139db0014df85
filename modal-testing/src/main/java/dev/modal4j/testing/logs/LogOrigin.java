package dev.modal4j.testing.logs;

import java.util.Objects;

/**
 * Where a log entry came from: the task (container) that wrote it and, for a function, the
 * function, call and input it was running; for a sandbox's entrypoint, the sandbox. Unknown parts
 * are "".
 *
 * @param taskId the task ({@code ta-...}) that wrote the entry
 * @param sandboxId the sandbox ({@code sb-...}), for a sandbox entrypoint
 * @param functionId the function ({@code fu-...}) whose handler wrote it
 * @param functionCallId the call ({@code fc-...}) being run
 * @param inputId the input ({@code in-...}) being run
 */
public record LogOrigin(
    String taskId, String sandboxId, String functionId, String functionCallId, String inputId) {

  /** Checks that no part is null. */
  public LogOrigin {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(sandboxId, "sandboxId");
    Objects.requireNonNull(functionId, "functionId");
    Objects.requireNonNull(functionCallId, "functionCallId");
    Objects.requireNonNull(inputId, "inputId");
  }

  /** The entrypoint of sandbox {@code sandboxId}, running as task {@code taskId}. */
  public static LogOrigin sandbox(String sandboxId, String taskId) {
    return new LogOrigin(taskId, sandboxId, "", "", "");
  }

  /** A function handler running input {@code inputId} of call {@code functionCallId}. */
  public static LogOrigin input(
      String functionId, String functionCallId, String inputId, String taskId) {
    return new LogOrigin(taskId, "", functionId, functionCallId, inputId);
  }
}
