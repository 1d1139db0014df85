package dev.modal4j.testing.classes;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** A canonical text of parameter values, so equal parameters in any order bind to one function. */
final class ParameterEncoding {
  private ParameterEncoding() {}

  static String canonical(Map<String, Object> params) {
    StringBuilder out = new StringBuilder();
    new TreeMap<>(params)
        .forEach(
            (k, v) ->
                out.append(k)
                    .append('=')
                    .append(
                        v instanceof byte[]
                            ? Arrays.toString((byte[]) v)
                            : v.getClass().getSimpleName() + ":" + v)
                    .append('\u0001'));
    return out.toString();
  }
}
