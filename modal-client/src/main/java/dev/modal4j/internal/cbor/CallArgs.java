package dev.modal4j.internal.cbor;

import java.util.List;
import java.util.Map;

/**
 * The decoded arguments of one function input: positional and keyword arguments.
 *
 * @param args positional arguments, in order
 * @param kwargs keyword arguments, in insertion order
 */
public record CallArgs(List<Object> args, Map<String, Object> kwargs) {}
