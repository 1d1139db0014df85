package dev.modal4j;

/** A sandbox path does not exist (Modal's tool: NotFound). */
public final class SandboxFilesystemNotFoundException extends SandboxFilesystemException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message. */
  public SandboxFilesystemNotFoundException(String message) {
    super(message);
  }

  /** Creates the exception with a message and a cause (may be null). */
  public SandboxFilesystemNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  ModalException copyForCaller() {
    return new SandboxFilesystemNotFoundException(getMessage(), this);
  }
}
