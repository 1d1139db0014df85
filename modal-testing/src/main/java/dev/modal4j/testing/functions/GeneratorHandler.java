package dev.modal4j.testing.functions;

import java.util.List;
import java.util.Map;

/**
 * The body of an emulated Modal generator function: it emits items one by one; each item is encoded
 * as CBOR and streamed to the caller, and returning ends the generator.
 *
 * <pre>{@code
 * app.generator("countdown", (args, kwargs, out) -> {
 *   for (long i = ((Number) args.get(0)).longValue(); i > 0; i--) {
 *     out.emit(i);
 *   }
 * });
 * }</pre>
 */
@FunctionalInterface
public interface GeneratorHandler {

  /** Runs the generator for one input, emitting its items to {@code out}. */
  void run(List<Object> args, Map<String, Object> kwargs, Emitter out) throws Exception;

  /** Receives the items a generator yields. */
  @FunctionalInterface
  interface Emitter {
    /** Yields one item to the caller. */
    void emit(Object item);
  }
}
