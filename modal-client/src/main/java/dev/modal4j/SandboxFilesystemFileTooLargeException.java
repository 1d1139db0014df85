package dev.modal4j;

/** A sandbox file is larger than the filesystem tool reads (Modal's tool: FileTooLarge). */
public final class SandboxFilesystemFileTooLargeException extends SandboxFilesystemException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message. */
  public SandboxFilesystemFileTooLargeException(String message) {
    super(message);
  }

  /** Creates the exception with a message and a cause (may be null). */
  public SandboxFilesystemFileTooLargeException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  ModalException copyForCaller() {
    return new SandboxFilesystemFileTooLargeException(getMessage(), this);
  }
}
