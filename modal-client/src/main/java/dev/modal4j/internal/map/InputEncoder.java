package dev.modal4j.internal.map;

import dev.modal4j.InvalidException;
import dev.modal4j.proto.FunctionInput;
import java.util.List;

/**
 * Encodes the positional arguments of one map input (the map's shared keyword arguments are bound
 * in), uploading a blob when the payload is too large to send inline.
 */
@FunctionalInterface
public interface InputEncoder {
  /** Encodes one input's positional arguments into a function input. */
  FunctionInput encode(List<?> args) throws InvalidException;
}
