package dev.modal4j;

/** The sandbox's user may not read, write or search a path (Modal's tool: PermissionDenied). */
public final class SandboxFilesystemPermissionException extends SandboxFilesystemException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message. */
  public SandboxFilesystemPermissionException(String message) {
    super(message);
  }

  /** Creates the exception with a message and a cause (may be null). */
  public SandboxFilesystemPermissionException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  ModalException copyForCaller() {
    return new SandboxFilesystemPermissionException(getMessage(), this);
  }
}
