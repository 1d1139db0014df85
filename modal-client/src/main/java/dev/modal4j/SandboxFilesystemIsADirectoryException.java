package dev.modal4j;

/** A sandbox path that must be a file is a directory (Modal's tool: IsDirectory). */
public final class SandboxFilesystemIsADirectoryException extends SandboxFilesystemException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message. */
  public SandboxFilesystemIsADirectoryException(String message) {
    super(message);
  }

  /** Creates the exception with a message and a cause (may be null). */
  public SandboxFilesystemIsADirectoryException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  ModalException copyForCaller() {
    return new SandboxFilesystemIsADirectoryException(getMessage(), this);
  }
}
