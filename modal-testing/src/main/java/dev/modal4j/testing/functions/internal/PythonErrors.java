package dev.modal4j.testing.functions.internal;

import dev.modal4j.testing.functions.PythonException;
import java.util.NoSuchElementException;

/** Renders Java exceptions thrown by handlers the way a Python container reports exceptions. */
public final class PythonErrors {
  private static final String RUNNER_CLASS = InputRunner.class.getName();

  private PythonErrors() {}

  /** The Python type name for an exception: ValueError for IllegalArgumentException etc. */
  public static String typeName(Throwable t) {
    if (t instanceof PythonException) {
      return ((PythonException) t).pythonType();
    }
    if (t instanceof IllegalArgumentException) {
      return "ValueError";
    }
    if (t instanceof ArithmeticException) {
      return "ZeroDivisionError";
    }
    if (t instanceof IndexOutOfBoundsException) {
      return "IndexError";
    }
    if (t instanceof NoSuchElementException) {
      return "KeyError";
    }
    if (t instanceof ClassCastException) {
      return "TypeError";
    }
    if (t instanceof UnsupportedOperationException) {
      return "NotImplementedError";
    }
    if (t instanceof OutOfMemoryError) {
      return "MemoryError";
    }
    return t.getClass().getSimpleName();
  }

  /** The {@code exception} text of a FAILURE result, e.g. {@code ValueError: boom}. */
  public static String exceptionText(Throwable t) {
    String message = t.getMessage();
    return message == null || message.isEmpty() ? typeName(t) : typeName(t) + ": " + message;
  }

  /** A Python-style traceback made from the handler's frames, innermost last. */
  public static String traceback(Throwable t) {
    StackTraceElement[] frames = t.getStackTrace();
    int end = frames.length;
    for (int i = 0; i < frames.length; i++) {
      if (frames[i].getClassName().equals(RUNNER_CLASS)) {
        end = i;
        break;
      }
    }
    StringBuilder sb = new StringBuilder("Traceback (most recent call last):\n");
    for (int i = end - 1; i >= 0; i--) {
      StackTraceElement f = frames[i];
      String file = f.getFileName() == null ? f.getClassName() : f.getFileName();
      sb.append("  File \"")
          .append(file)
          .append("\", line ")
          .append(Math.max(f.getLineNumber(), 0))
          .append(", in ")
          .append(f.getMethodName())
          .append('\n');
    }
    return sb.append(exceptionText(t)).append('\n').toString();
  }
}
