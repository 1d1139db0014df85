package dev.modal4j.testing.classes;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.modal4j.proto.ClassParameterSet;
import dev.modal4j.proto.ClassParameterSpec;
import dev.modal4j.proto.ClassParameterValue;
import dev.modal4j.proto.ParameterType;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@code serialized_params} as the server does for PROTO classes: every value must match a
 * schema entry and its type; missing ones take the default or are refused.
 */
final class ParameterDecoder {
  private ParameterDecoder() {}

  /** The parameter values by name, sorted by name. */
  static Map<String, Object> decode(List<ClassParameterSpec> schema, ByteString serialized) {
    return decode(schema, serialized, false);
  }

  /**
   * As {@link #decode(List, ByteString)}; with {@code defaultsOnly}, a required parameter without a
   * value is left out instead of refused (for the unbound service function).
   */
  static Map<String, Object> decode(
      List<ClassParameterSpec> schema, ByteString serialized, boolean defaultsOnly) {
    ClassParameterSet set;
    try {
      set = ClassParameterSet.parseFrom(serialized);
    } catch (InvalidProtocolBufferException e) {
      throw invalid("serialized_params is not a ClassParameterSet: " + e.getMessage());
    }
    Map<String, ClassParameterSpec> specs = new LinkedHashMap<>();
    schema.forEach(s -> specs.put(s.getName(), s));
    Map<String, Object> values = new TreeMap<>();
    for (ClassParameterValue v : set.getParametersList()) {
      ClassParameterSpec spec = specs.get(v.getName());
      if (spec == null) {
        throw invalid("unknown class parameter '" + v.getName() + "'");
      }
      if (values.containsKey(v.getName())) {
        throw invalid("class parameter '" + v.getName() + "' given twice");
      }
      values.put(v.getName(), value(spec, v));
    }
    for (ClassParameterSpec spec : schema) {
      if (!values.containsKey(spec.getName())) {
        if (!spec.getHasDefault()) {
          if (defaultsOnly) {
            continue;
          }
          throw invalid("missing required class parameter '" + spec.getName() + "'");
        }
        values.put(spec.getName(), defaultValue(spec));
      }
    }
    return values;
  }

  private static Object value(ClassParameterSpec spec, ClassParameterValue v) {
    ParameterType type = spec.getType();
    ClassParameterValue.ValueOneofCase expected;
    Object value;
    switch (type) {
      case PARAM_TYPE_STRING:
        expected = ClassParameterValue.ValueOneofCase.STRING_VALUE;
        value = v.getStringValue();
        break;
      case PARAM_TYPE_INT:
        expected = ClassParameterValue.ValueOneofCase.INT_VALUE;
        value = v.getIntValue();
        break;
      case PARAM_TYPE_BOOL:
        expected = ClassParameterValue.ValueOneofCase.BOOL_VALUE;
        value = v.getBoolValue();
        break;
      case PARAM_TYPE_BYTES:
        expected = ClassParameterValue.ValueOneofCase.BYTES_VALUE;
        value = v.getBytesValue().toByteArray();
        break;
      default:
        throw invalid("class parameter '" + spec.getName() + "' has unsupported type " + type);
    }
    if (v.getValueOneofCase() != expected || v.getType() != type) {
      throw invalid(
          "class parameter '"
              + spec.getName()
              + "' must be of type "
              + type
              + ", got "
              + v.getType()
              + " / "
              + v.getValueOneofCase());
    }
    return value;
  }

  private static Object defaultValue(ClassParameterSpec spec) {
    switch (spec.getType()) {
      case PARAM_TYPE_STRING:
        return spec.getStringDefault();
      case PARAM_TYPE_INT:
        return spec.getIntDefault();
      case PARAM_TYPE_BOOL:
        return spec.getBoolDefault();
      case PARAM_TYPE_BYTES:
        return spec.getBytesDefault().toByteArray();
      default:
        throw invalid("class parameter '" + spec.getName() + "' has unsupported type");
    }
  }

  private static StatusRuntimeException invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
  }
}
