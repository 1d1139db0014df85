package dev.modal4j.internal.pickle;

import dev.modal4j.DeserializationException;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Walks a decoded pickle before anyone else sees it: the memo lets a pickle refer to a container
 * twice, or to itself, so a few bytes could describe a cycle or an exponentially large tree. A
 * cycle, a depth beyond {@value PickleEncoder#MAX_DEPTH} or more than a budget of nodes (linear in
 * the input size) is refused.
 */
final class PlainDataCheck {
  private final IdentityHashMap<Object, Boolean> path = new IdentityHashMap<>();
  private long budget;

  private PlainDataCheck(long budget) {
    this.budget = budget;
  }

  static void check(Object root, int inputLength) {
    if (!(root instanceof Collection || root instanceof Map)) {
      return;
    }
    new PlainDataCheck(1_000_000L + 16L * inputLength).walk(root, 0);
  }

  private void walk(Object o, int depth) {
    if (--budget < 0) {
      throw new DeserializationException(
          "pickle refers to its own parts too often: it would expand beyond a safe size");
    }
    if (!(o instanceof Collection || o instanceof Map)) {
      return;
    }
    if (depth > PickleEncoder.MAX_DEPTH) {
      throw new DeserializationException(
          "pickle is nested more than " + PickleEncoder.MAX_DEPTH + " deep");
    }
    if (path.put(o, Boolean.TRUE) != null) {
      throw new DeserializationException("pickle holds a container that contains itself");
    }
    if (o instanceof Map) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
        walk(e.getKey(), depth + 1);
        walk(e.getValue(), depth + 1);
      }
    } else {
      for (Object c : (Collection<?>) o) {
        walk(c, depth + 1);
      }
    }
    path.remove(o);
  }
}
