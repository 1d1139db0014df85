package dev.modal4j.internal;

import dev.modal4j.InvalidException;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * Argument checks for the public API: each throws an {@link InvalidException} whose message names
 * the parameter ("appName must not be blank"), so bad input is refused before anything is sent.
 * Messages never include the value, which may be a secret.
 */
public final class Args {
  private Args() {}

  /**
   * {@code value}, if it is not null.
   *
   * @throws InvalidException "{@code name} must not be null"
   */
  public static <T> T notNull(T value, String name) {
    if (value == null) {
      throw new InvalidException(name + " must not be null");
    }
    return value;
  }

  /**
   * {@code value}, if it is neither null nor empty nor only whitespace.
   *
   * @throws InvalidException "{@code name} must not be null" or "... must not be blank"
   */
  public static String notBlank(String value, String name) {
    notNull(value, name);
    if (value.isBlank()) {
      throw new InvalidException(name + " must not be blank");
    }
    return value;
  }

  /**
   * {@code values}, if neither it nor any of its elements is null.
   *
   * @throws InvalidException "{@code name} must not be null" or "... must not contain null"
   */
  public static <C extends Collection<?>> C noNullElements(C values, String name) {
    notNull(values, name);
    for (Object v : values) {
      if (v == null) {
        throw new InvalidException(name + " must not contain null");
      }
    }
    return values;
  }

  /**
   * {@code values}, if neither it nor any of its elements is null.
   *
   * @throws InvalidException "{@code name} must not be null" or "... must not contain null"
   */
  public static <T> T[] noNullElements(T[] values, String name) {
    notNull(values, name);
    for (T v : values) {
      if (v == null) {
        throw new InvalidException(name + " must not contain null");
      }
    }
    return values;
  }

  /**
   * {@code values}, if neither it nor any of its keys is null (values may be null).
   *
   * @throws InvalidException "{@code name} must not be null" or "... must not contain a null key"
   */
  public static <M extends Map<?, ?>> M noNullKeys(M values, String name) {
    notNull(values, name);
    for (Object k : values.keySet()) {
      if (k == null) {
        throw new InvalidException(name + " must not contain a null key");
      }
    }
    return values;
  }

  /**
   * {@code value}, if it is neither null nor negative.
   *
   * @throws InvalidException "{@code name} must not be null" or "... must not be negative"
   */
  public static Duration notNegative(Duration value, String name) {
    notNull(value, name);
    if (value.isNegative()) {
      throw new InvalidException(name + " must not be negative, got " + value);
    }
    return value;
  }
}
