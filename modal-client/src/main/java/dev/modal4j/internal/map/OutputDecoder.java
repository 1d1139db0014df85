package dev.modal4j.internal.map;

import dev.modal4j.ModalException;
import dev.modal4j.proto.FunctionGetOutputsItem;

/** Turns a final output into a value, or throws the ModalException it stands for. */
@FunctionalInterface
public interface OutputDecoder<T> {
  /** Decodes one final output into its value, or throws the failure it reports. */
  T decode(FunctionGetOutputsItem item) throws ModalException;
}
