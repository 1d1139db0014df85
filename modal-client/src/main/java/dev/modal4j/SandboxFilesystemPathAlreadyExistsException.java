package dev.modal4j;

/**
 * A directory to create already exists, or a file is in its place (Modal's tool:
 * PathAlreadyExists).
 */
public final class SandboxFilesystemPathAlreadyExistsException extends SandboxFilesystemException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message. */
  public SandboxFilesystemPathAlreadyExistsException(String message) {
    super(message);
  }

  /** Creates the exception with a message and a cause (may be null). */
  public SandboxFilesystemPathAlreadyExistsException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  ModalException copyForCaller() {
    return new SandboxFilesystemPathAlreadyExistsException(getMessage(), this);
  }
}
