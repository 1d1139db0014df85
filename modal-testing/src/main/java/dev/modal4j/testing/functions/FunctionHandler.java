package dev.modal4j.testing.functions;

import java.util.List;
import java.util.Map;

/**
 * The body of an emulated Modal function. It receives the CBOR arguments as the emulator's own
 * codec decodes them, the way Python's cbor2 would: lists, maps with text keys, strings, integers
 * as {@code Long} (or {@code BigInteger} beyond 64 bits), {@code Double}, {@code byte[]}, {@code
 * Instant} (tags 0 and 1), {@code BigDecimal} (tag 4), {@code Set} (tag 258), booleans, null. It
 * returns a value that is encoded back as CBOR with definite lengths: the same kinds of values,
 * plus records and beans (as maps), arrays, enums (their names) and {@code Optional}.
 *
 * <p>A thrown exception (or error) becomes a FAILURE result, as a Python exception would: {@link
 * IllegalArgumentException} is reported as {@code ValueError}, a {@link PythonException} under its
 * own type name, anything else under its simple class name. The handler runs on an emulator worker
 * thread that is interrupted when the call is cancelled.
 *
 * <pre>{@code
 * emulator.deploy("my-app").function("square", (args, kwargs) -> {
 *   long x = ((Number) args.get(0)).longValue();
 *   return x * x;
 * });
 * }</pre>
 */
@FunctionalInterface
public interface FunctionHandler {

  /** Runs the function once for one input and returns its result. */
  Object call(List<Object> args, Map<String, Object> kwargs) throws Exception;
}
