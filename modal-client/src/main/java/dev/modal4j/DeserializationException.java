package dev.modal4j;

/**
 * A payload from Modal (a function result, a generator item, a call's arguments) could not be
 * decoded into the requested Java type, or was not valid CBOR.
 */
public final class DeserializationException extends ModalException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message. */
  public DeserializationException(String message) {
    super(message);
  }

  /** Creates the exception with a message and a cause. */
  public DeserializationException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  ModalException copyForCaller() {
    return new DeserializationException(getMessage(), this);
  }
}
