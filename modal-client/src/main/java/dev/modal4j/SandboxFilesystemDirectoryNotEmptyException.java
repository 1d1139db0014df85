package dev.modal4j;

/**
 * A directory to remove without {@code recursive} is not empty (Modal's tool: DirectoryNotEmpty).
 */
public final class SandboxFilesystemDirectoryNotEmptyException extends SandboxFilesystemException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message. */
  public SandboxFilesystemDirectoryNotEmptyException(String message) {
    super(message);
  }

  /** Creates the exception with a message and a cause (may be null). */
  public SandboxFilesystemDirectoryNotEmptyException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  ModalException copyForCaller() {
    return new SandboxFilesystemDirectoryNotEmptyException(getMessage(), this);
  }
}
