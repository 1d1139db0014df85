package dev.modal4j;

/**
 * A sandbox filesystem operation ({@code Sandbox.filesystem()}) failed. The subclasses name the
 * reasons Modal's filesystem tool reports (not found, is a directory, ...); an exception of this
 * class itself is any other failure, its message the tool's, or {@code Operation on 'PATH' failed
 * with exit code N} when the tool gave none.
 */
public class SandboxFilesystemException extends ModalException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message. */
  public SandboxFilesystemException(String message) {
    super(message);
  }

  /** Creates the exception with a message and a cause (may be null). */
  public SandboxFilesystemException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  ModalException copyForCaller() {
    return new SandboxFilesystemException(getMessage(), this);
  }
}
