package dev.modal4j.internal.logs;

import dev.modal4j.proto.FileDescriptor;

/**
 * Whose logs a request reads: the app, the object asked about, and the filters that select it
 * (function, call, task). Unknown parts are "".
 */
public final class LogScope {
  final String appId;
  final String objectId;
  final String functionId;
  final String functionCallId;
  final String taskId;

  private LogScope(
      String appId, String objectId, String functionId, String functionCallId, String taskId) {
    this.appId = appId;
    this.objectId = objectId;
    this.functionId = functionId;
    this.functionCallId = functionCallId;
    this.taskId = taskId;
  }

  /** A function's logs. */
  public static LogScope function(String appId, String functionId) {
    return new LogScope(appId, functionId, functionId, "", "");
  }

  /** A function call's logs. */
  public static LogScope call(String appId, String functionId, String functionCallId) {
    return new LogScope(appId, functionCallId, functionId, functionCallId, "");
  }

  /** A sandbox entrypoint's logs: those of its task. */
  public static LogScope sandbox(String appId, String sandboxId, String taskId) {
    return new LogScope(appId, sandboxId, "", "", taskId);
  }

  /** What is filtered on beyond the scope: a source and a search text ("" for none). */
  record Filter(FileDescriptor source, String searchText) {}
}
