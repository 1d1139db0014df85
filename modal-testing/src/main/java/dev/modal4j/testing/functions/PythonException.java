package dev.modal4j.testing.functions;

/**
 * Thrown by a handler to fail with a specific Python exception type, e.g. {@code new
 * PythonException("KeyError", "'missing'")}; the caller sees {@code KeyError: 'missing'}.
 */
public final class PythonException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String pythonType;

  /** Creates an exception reported to callers as {@code <pythonType>: <message>}. */
  public PythonException(String pythonType, String message) {
    super(message);
    if (pythonType == null || pythonType.isBlank()) {
      throw new IllegalArgumentException("pythonType must not be blank");
    }
    this.pythonType = pythonType;
  }

  /** The Python exception type name, such as {@code ValueError}. */
  public String pythonType() {
    return pythonType;
  }
}
