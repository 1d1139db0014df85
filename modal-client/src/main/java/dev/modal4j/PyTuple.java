package dev.modal4j;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * A Python {@code tuple}: an immutable list of values that is pickled as a tuple, not a list.
 *
 * <p>Queue and dict values travel as Python pickles. A Java {@link List} becomes a Python {@code
 * list}; wrap values in a {@code PyTuple} to send a {@code tuple}. Untyped reads ({@code
 * Object.class}) return tuples as {@code PyTuple}, so they can be told apart from lists; typed
 * reads map them like any array.
 *
 * <p>Elements may be {@code null} (Python {@code None}). Equality and hash code are those of {@link
 * List}.
 */
public final class PyTuple extends AbstractList<Object> implements RandomAccess {
  private static final PyTuple EMPTY = new PyTuple(new Object[0]);

  private final Object[] items;

  private PyTuple(Object[] items) {
    this.items = items;
  }

  /**
   * A tuple of the given values, in order.
   *
   * @param items the elements; {@code null} elements stand for Python {@code None}
   * @throws InvalidException if {@code items} itself is null
   */
  public static PyTuple of(Object... items) {
    if (items == null) {
      throw new InvalidException("items must not be null");
    }
    return items.length == 0 ? EMPTY : new PyTuple(items.clone());
  }

  /**
   * A tuple of the elements of a list, in order.
   *
   * @param items the elements; {@code null} elements stand for Python {@code None}
   * @throws InvalidException if {@code items} is null
   */
  public static PyTuple copyOf(List<?> items) {
    if (items == null) {
      throw new InvalidException("items must not be null");
    }
    return items.isEmpty() ? EMPTY : new PyTuple(items.toArray());
  }

  /**
   * The element at an index.
   *
   * @param index from 0
   */
  @Override
  public Object get(int index) {
    return items[index];
  }

  /** How many elements the tuple has. */
  @Override
  public int size() {
    return items.length;
  }

  /** The tuple as Python would print it, e.g. {@code (1, 'a')}. */
  @Override
  public String toString() {
    if (items.length == 1) {
      return "(" + items[0] + ",)";
    }
    String s = Arrays.toString(items);
    return "(" + s.substring(1, s.length() - 1) + ")";
  }
}
