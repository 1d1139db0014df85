package dev.modal4j.testing.classes;

import java.util.List;
import java.util.Map;

/**
 * The body of one method of an emulated class. It receives the instance it runs on (its bound
 * parameters and options) and the decoded CBOR arguments, and returns a value encoded back as CBOR;
 * exceptions become remote failures as for plain functions.
 */
@FunctionalInterface
public interface MethodHandler {
  /** Runs the method. */
  Object call(BoundInstance self, List<Object> args, Map<String, Object> kwargs) throws Exception;
}
