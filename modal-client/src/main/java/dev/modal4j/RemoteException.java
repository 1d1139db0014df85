package dev.modal4j;

import java.util.Optional;

/**
 * The remote function raised an exception (or its input ended in a non-success state such as
 * TERMINATED). The message is the remote exception's text; {@link #remoteTraceback()} holds the
 * remote traceback when Modal sent one.
 */
public final class RemoteException extends ModalException {
  private static final long serialVersionUID = 1L;

  private final String remoteTraceback;

  /** Creates the exception from the remote exception text and, if known, its traceback. */
  public RemoteException(String message, String remoteTraceback) {
    super(message);
    this.remoteTraceback =
        remoteTraceback == null || remoteTraceback.isEmpty() ? null : remoteTraceback;
  }

  private RemoteException(String message, String remoteTraceback, RemoteException cause) {
    super(message, cause);
    this.remoteTraceback = remoteTraceback;
  }

  /** Creates the exception from the remote exception text. */
  public RemoteException(String message) {
    this(message, null);
  }

  /** The traceback text of the remote exception, as Python printed it, if Modal sent one. */
  public Optional<String> remoteTraceback() {
    return Optional.ofNullable(remoteTraceback);
  }

  @Override
  ModalException copyForCaller() {
    return new RemoteException(getMessage(), remoteTraceback, this);
  }
}
