package dev.modal4j.testing.logs;

/**
 * What a log request asks for; an empty string or 0 matches everything.
 *
 * @param taskId only entries of this task
 * @param sandboxId only entries of this sandbox
 * @param functionId only entries of this function
 * @param functionCallId only entries of this call
 * @param inputId only entries of this input
 * @param fd only this source (1 stdout, 2 stderr, 3 system), 0 for all
 * @param searchText only entries containing this text (case-insensitive)
 */
public record LogFilter(
    String taskId,
    String sandboxId,
    String functionId,
    String functionCallId,
    String inputId,
    int fd,
    String searchText) {

  /** Whether {@code r} passes this filter. */
  public boolean matches(LogRecord r) {
    LogOrigin o = r.origin();
    return (taskId.isEmpty() || taskId.equals(o.taskId()))
        && (sandboxId.isEmpty() || sandboxId.equals(o.sandboxId()))
        && (functionId.isEmpty() || functionId.equals(o.functionId()))
        && (functionCallId.isEmpty() || functionCallId.equals(o.functionCallId()))
        && (inputId.isEmpty() || inputId.equals(o.inputId()))
        && (fd == 0 || fd == r.fd())
        && (searchText.isEmpty()
            || r.data().toLowerCase(java.util.Locale.ROOT).contains(lowerSearch()));
  }

  private String lowerSearch() {
    return searchText.toLowerCase(java.util.Locale.ROOT);
  }
}
