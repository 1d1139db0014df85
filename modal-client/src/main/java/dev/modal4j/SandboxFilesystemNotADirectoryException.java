package dev.modal4j;

/** A sandbox path, or one of its parents, that must be a directory is not one. */
public final class SandboxFilesystemNotADirectoryException extends SandboxFilesystemException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message. */
  public SandboxFilesystemNotADirectoryException(String message) {
    super(message);
  }

  /** Creates the exception with a message and a cause (may be null). */
  public SandboxFilesystemNotADirectoryException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  ModalException copyForCaller() {
    return new SandboxFilesystemNotADirectoryException(getMessage(), this);
  }
}
