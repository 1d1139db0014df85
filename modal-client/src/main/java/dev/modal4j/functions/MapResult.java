package dev.modal4j.functions;

import dev.modal4j.ModalException;
import dev.modal4j.internal.Args;
import java.util.Optional;

/**
 * The outcome of one input of a map: its value, or the exception it failed with.
 *
 * <p>Returned by {@code Function.mapResults} and {@code starmapResults}, which keep going past
 * failed inputs (Modal's {@code return_exceptions=True}) and deliver each failure in its place.
 *
 * @param <T> the result type
 */
public final class MapResult<T> {
  private final long index;
  private final T value;
  private final ModalException exception;

  private MapResult(long index, T value, ModalException exception) {
    this.index = index;
    this.value = value;
    this.exception = exception;
  }

  /** A successful result for the input at {@code index}. */
  public static <T> MapResult<T> success(long index, T value) {
    return new MapResult<>(index, value, null);
  }

  /** A failed result for the input at {@code index}. */
  public static <T> MapResult<T> failure(long index, ModalException exception) {
    return new MapResult<>(index, null, Args.notNull(exception, "exception"));
  }

  /** The 0-based position of the input in the map's input sequence. */
  public long index() {
    return index;
  }

  /** True when the input succeeded. */
  public boolean isSuccess() {
    return exception == null;
  }

  /** The value; throws the input's exception if it failed. */
  public T get() {
    if (exception != null) {
      throw exception;
    }
    return value;
  }

  /** The exception the input failed with, if it failed. */
  public Optional<ModalException> exception() {
    return Optional.ofNullable(exception);
  }

  @Override
  public String toString() {
    return isSuccess()
        ? "MapResult[" + index + ": " + value + "]"
        : "MapResult[" + index + " failed: " + exception + "]";
  }
}
