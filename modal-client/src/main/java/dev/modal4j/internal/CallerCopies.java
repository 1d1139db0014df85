package dev.modal4j.internal;

import dev.modal4j.ModalException;
import java.util.function.UnaryOperator;

/**
 * Reaches {@link ModalException}'s package-private per-caller copy from the internal packages,
 * without making it public API. {@code ModalException} registers the copy when its class is
 * initialised, which has always happened by the time an instance exists to be copied.
 */
public final class CallerCopies {
  private static volatile UnaryOperator<ModalException> copier;

  private CallerCopies() {}

  /**
   * Called once, by {@code ModalException}'s static initialiser; later calls are ignored.
   *
   * @param copy makes a caller's copy of an exception
   */
  public static synchronized void register(UnaryOperator<ModalException> copy) {
    if (copier == null) {
      copier = copy;
    }
  }

  /**
   * A new exception for one blocking caller: same type, message, status code and details, the
   * caller's stack, and {@code failure} as its cause. {@code failure} itself is not modified.
   *
   * @param failure the exception the operation failed with, possibly seen by other callers too
   * @return the exception to throw to this caller
   */
  public static ModalException forCaller(ModalException failure) {
    return copier.apply(failure);
  }
}
