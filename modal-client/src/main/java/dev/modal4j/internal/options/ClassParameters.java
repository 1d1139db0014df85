package dev.modal4j.internal.options;

import com.google.protobuf.ByteString;
import dev.modal4j.InvalidException;
import dev.modal4j.proto.ClassParameterInfo;
import dev.modal4j.proto.ClassParameterSet;
import dev.modal4j.proto.ClassParameterSpec;
import dev.modal4j.proto.ClassParameterValue;
import dev.modal4j.proto.ParameterType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Class parameters in Modal's PROTO format (functions.md §9.2): one value per schema entry, the
 * schema's default for a missing one, types checked, entries sorted by name as Go and JS do.
 */
public final class ClassParameters {
  private ClassParameters() {}

  /**
   * Refuses a schema modal4j cannot serialize: a non-empty schema must use the PROTO format.
   *
   * @param className for messages, e.g. {@code "app/Model"}
   */
  public static void checkFormat(ClassParameterInfo info, String className) {
    if (info.getSchemaCount() > 0
        && info.getFormat()
            != ClassParameterInfo.ParameterSerializationFormat.PARAM_SERIALIZATION_FORMAT_PROTO) {
      throw new InvalidException(
          "Class '"
              + className
              + "' takes its parameters in the "
              + info.getFormat()
              + " format; modal4j supports only PROTO parameters (declared with"
              + " modal.parameter() and deployed with a recent Modal Python SDK)");
    }
  }

  /**
   * The serialized {@code ClassParameterSet} for {@code values}.
   *
   * @throws InvalidException for an unknown parameter, a missing required one, a value of the wrong
   *     type, or a parameter type modal4j does not support
   */
  public static ByteString serialize(
      List<ClassParameterSpec> schema, Map<String, ?> values, String className) {
    TreeSet<String> known =
        schema.stream()
            .map(ClassParameterSpec::getName)
            .collect(Collectors.toCollection(TreeSet::new));
    TreeSet<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw new InvalidException(
          "Class '"
              + className
              + "' has no parameter "
              + String.join(", ", quoted(unknown))
              + "; its parameters are: "
              + (known.isEmpty() ? "(none)" : String.join(", ", known)));
    }
    List<ClassParameterValue> encoded = new ArrayList<>();
    for (ClassParameterSpec spec : schema) {
      encoded.add(encode(spec, values, className));
    }
    encoded.sort(Comparator.comparing(ClassParameterValue::getName));
    return ClassParameterSet.newBuilder().addAllParameters(encoded).build().toByteString();
  }

  private static List<String> quoted(Iterable<String> names) {
    List<String> out = new ArrayList<>();
    names.forEach(n -> out.add("'" + n + "'"));
    return out;
  }

  /** The declared type: {@code full_type} when present, else the deprecated {@code type}. */
  static ParameterType typeOf(ClassParameterSpec spec) {
    if (spec.hasFullType()
        && spec.getFullType().getBaseType() != ParameterType.PARAM_TYPE_UNSPECIFIED) {
      return spec.getFullType().getBaseType();
    }
    return spec.getType();
  }

  private static ClassParameterValue encode(
      ClassParameterSpec spec, Map<String, ?> values, String className) {
    String name = spec.getName();
    ParameterType type = typeOf(spec);
    ClassParameterValue.Builder out = ClassParameterValue.newBuilder().setName(name).setType(type);
    boolean given = values.containsKey(name);
    if (!given && !spec.getHasDefault()) {
      throw new InvalidException(
          "Class '" + className + "' needs a value for parameter '" + name + "'");
    }
    Object v = values.get(name);
    switch (type) {
      case PARAM_TYPE_STRING:
        return out.setStringValue(
                given ? expect(String.class, v, name, "a String") : spec.getStringDefault())
            .build();
      case PARAM_TYPE_INT:
        return out.setIntValue(given ? integer(v, name) : spec.getIntDefault()).build();
      case PARAM_TYPE_BOOL:
        return out.setBoolValue(
                given ? expect(Boolean.class, v, name, "a Boolean") : spec.getBoolDefault())
            .build();
      case PARAM_TYPE_BYTES:
        return out.setBytesValue(
                given
                    ? ByteString.copyFrom(expect(byte[].class, v, name, "a byte[]"))
                    : spec.getBytesDefault())
            .build();
      default:
        throw new InvalidException(
            "Parameter '"
                + name
                + "' of class '"
                + className
                + "' has type "
                + type
                + ", which modal4j does not support (only str, int, bool and bytes)");
    }
  }

  private static <T> T expect(Class<T> type, Object v, String name, String what) {
    if (!type.isInstance(v)) {
      throw wrongType(name, what, v);
    }
    return type.cast(v);
  }

  private static long integer(Object v, String name) {
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof BigInteger && ((BigInteger) v).bitLength() < 64) {
      return ((BigInteger) v).longValue();
    }
    throw wrongType(name, "an integer that fits in 64 bits", v);
  }

  private static InvalidException wrongType(String name, String what, Object v) {
    String got = v == null ? "null" : v.getClass().getSimpleName();
    return new InvalidException("Parameter '" + name + "' must be " + what + ", got " + got);
  }
}
