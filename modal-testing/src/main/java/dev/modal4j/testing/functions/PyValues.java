package dev.modal4j.testing.functions;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Python-flavoured helpers for handlers: argument binding and {@code +}/{@code *} on numbers. */
public final class PyValues {
  private PyValues() {}

  /**
   * The argument at {@code index} or, if not given positionally, the keyword {@code name}; missing
   * arguments raise Python's TypeError.
   */
  public static Object arg(
      String function, List<Object> args, Map<String, Object> kwargs, int index, String name) {
    if (index < args.size()) {
      return args.get(index);
    }
    if (kwargs.containsKey(name)) {
      return kwargs.get(name);
    }
    throw new PythonException(
        "TypeError", function + "() missing 1 required positional argument: '" + name + "'");
  }

  /** Python's {@code a * b} for ints (arbitrary precision) and floats. */
  public static Object multiply(Object a, Object b) {
    if (isIntegral(a) && isIntegral(b)) {
      return normalize(big(a).multiply(big(b)));
    }
    if (a instanceof Number && b instanceof Number) {
      return ((Number) a).doubleValue() * ((Number) b).doubleValue();
    }
    throw unsupported("*", a, b);
  }

  /** Python's {@code a + b} for numbers, strings and lists. */
  public static Object add(Object a, Object b) {
    if (isIntegral(a) && isIntegral(b)) {
      return normalize(big(a).add(big(b)));
    }
    if (a instanceof Number && b instanceof Number) {
      return ((Number) a).doubleValue() + ((Number) b).doubleValue();
    }
    if (a instanceof String && b instanceof String) {
      return (String) a + b;
    }
    if (a instanceof List && b instanceof List) {
      List<Object> out = new ArrayList<>((List<?>) a);
      out.addAll((List<?>) b);
      return out;
    }
    throw unsupported("+", a, b);
  }

  private static boolean isIntegral(Object v) {
    return v instanceof Long
        || v instanceof Integer
        || v instanceof Short
        || v instanceof BigInteger;
  }

  private static BigInteger big(Object v) {
    return v instanceof BigInteger ? (BigInteger) v : BigInteger.valueOf(((Number) v).longValue());
  }

  private static Object normalize(BigInteger v) {
    return v.bitLength() < 64 ? (Object) v.longValue() : v;
  }

  private static PythonException unsupported(String op, Object a, Object b) {
    return new PythonException(
        "TypeError",
        "unsupported operand type(s) for " + op + ": '" + pyType(a) + "' and '" + pyType(b) + "'");
  }

  private static String pyType(Object v) {
    if (v == null) {
      return "NoneType";
    }
    if (isIntegral(v)) {
      return "int";
    }
    if (v instanceof Number) {
      return "float";
    }
    if (v instanceof String) {
      return "str";
    }
    if (v instanceof List) {
      return "list";
    }
    if (v instanceof Map) {
      return "dict";
    }
    if (v instanceof byte[]) {
      return "bytes";
    }
    if (v instanceof Boolean) {
      return "bool";
    }
    return v.getClass().getSimpleName();
  }
}
