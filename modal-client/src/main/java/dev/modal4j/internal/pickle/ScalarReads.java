package dev.modal4j.internal.pickle;

/**
 * Reads of a decoded int or float into Integer, Long, Double, Float, Short or Byte (boxed or
 * primitive) without going through Jackson: the common case of queues of numbers. Returns null when
 * the value does not fit exactly, leaving the read (and its error) to Jackson.
 */
final class ScalarReads {
  private ScalarReads() {}

  static Object convert(Object plain, Class<?> target) {
    if (plain instanceof Long) {
      long v = (Long) plain;
      if (target == Integer.class || target == int.class) {
        return v == (int) v ? (Object) (int) v : null;
      }
      if (target == Long.class || target == long.class) {
        return v;
      }
      if (target == Short.class || target == short.class) {
        return v == (short) v ? (Object) (short) v : null;
      }
      if (target == Byte.class || target == byte.class) {
        return v == (byte) v ? (Object) (byte) v : null;
      }
      return null;
    }
    if (plain instanceof Double) {
      if (target == Double.class || target == double.class) {
        return plain;
      }
      if (target == Float.class || target == float.class) {
        return ((Double) plain).floatValue();
      }
    }
    return null;
  }
}
