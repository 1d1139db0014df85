package dev.modal4j.internal.pickle;

import dev.modal4j.PyTuple;
import java.util.Collection;
import java.util.Map;

/** Whether a value could be a Python dict key or set element: lists, dicts and sets cannot. */
final class Hashable {
  private Hashable() {}

  static boolean test(Object v) {
    if (v instanceof PyTuple) {
      for (Object o : (PyTuple) v) {
        if (!test(o)) {
          return false;
        }
      }
      return true;
    }
    return !(v instanceof Collection || v instanceof Map || v instanceof Object[]);
  }
}
