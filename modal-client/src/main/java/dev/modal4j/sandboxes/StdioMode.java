package dev.modal4j.sandboxes;

/** What happens to a command's stdout or stderr: piped to the caller, or discarded. */
public enum StdioMode {
  /** The stream is readable from the {@link ContainerProcess} (the default). */
  PIPE,
  /** The stream is discarded in the sandbox; reading it yields nothing. */
  IGNORE
}
