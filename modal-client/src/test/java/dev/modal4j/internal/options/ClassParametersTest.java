package dev.modal4j.internal.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.modal4j.InvalidException;
import dev.modal4j.proto.ClassParameterInfo;
import dev.modal4j.proto.ClassParameterInfo.ParameterSerializationFormat;
import dev.modal4j.proto.ClassParameterSet;
import dev.modal4j.proto.ClassParameterSpec;
import dev.modal4j.proto.ClassParameterValue;
import dev.modal4j.proto.GenericPayloadType;
import dev.modal4j.proto.ParameterType;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ClassParametersTest {
  private static final String CLS = "app/Model";

  private static ClassParameterSpec spec(String name, ParameterType type) {
    return ClassParameterSpec.newBuilder().setName(name).setType(type).build();
  }

  private static final List<ClassParameterSpec> SCHEMA =
      List.of(
          spec("zeta", ParameterType.PARAM_TYPE_STRING),
          ClassParameterSpec.newBuilder()
              .setName("count")
              .setType(ParameterType.PARAM_TYPE_INT)
              .setHasDefault(true)
              .setIntDefault(7)
              .build(),
          ClassParameterSpec.newBuilder()
              .setName("flag")
              .setFullType(
                  GenericPayloadType.newBuilder().setBaseType(ParameterType.PARAM_TYPE_BOOL))
              .setHasDefault(true)
              .setBoolDefault(true)
              .build(),
          ClassParameterSpec.newBuilder()
              .setName("blob")
              .setType(ParameterType.PARAM_TYPE_BYTES)
              .setHasDefault(true)
              .setBytesDefault(ByteString.copyFromUtf8("d"))
              .build());

  private static List<ClassParameterValue> decode(ByteString b) throws Exception {
    return ClassParameterSet.parseFrom(b).getParametersList();
  }

  @Test
  void sortsByNameAndAppliesDefaults() throws Exception {
    List<ClassParameterValue> out =
        decode(ClassParameters.serialize(SCHEMA, Map.of("zeta", "z"), CLS));
    assertThat(out)
        .extracting(ClassParameterValue::getName)
        .containsExactly("blob", "count", "flag", "zeta");
    assertThat(out.get(0).getBytesValue().toStringUtf8()).isEqualTo("d");
    assertThat(out.get(1).getIntValue()).isEqualTo(7);
    assertThat(out.get(1).getType()).isEqualTo(ParameterType.PARAM_TYPE_INT);
    assertThat(out.get(2).getBoolValue()).isTrue();
    assertThat(out.get(2).getType()).isEqualTo(ParameterType.PARAM_TYPE_BOOL);
    assertThat(out.get(3).getStringValue()).isEqualTo("z");
  }

  @Test
  void givenValuesOverrideDefaults() throws Exception {
    Map<String, Object> given =
        Map.of("zeta", "", "count", 42L, "flag", false, "blob", new byte[] {1, 2});
    List<ClassParameterValue> out = decode(ClassParameters.serialize(SCHEMA, given, CLS));
    assertThat(out.get(0).getBytesValue().toByteArray()).containsExactly(1, 2);
    assertThat(out.get(1).getIntValue()).isEqualTo(42);
    assertThat(out.get(2).hasBoolValue()).isTrue();
    assertThat(out.get(2).getBoolValue()).isFalse();
    assertThat(out.get(3).hasStringValue()).isTrue();
  }

  @Test
  void sameValuesGiveTheSameBytes() {
    Map<String, Object> a = new HashMap<>(Map.of("zeta", "z", "count", 1));
    Map<String, Object> b = new java.util.TreeMap<>(Map.of("count", 1, "zeta", "z"));
    assertThat(ClassParameters.serialize(SCHEMA, a, CLS))
        .isEqualTo(ClassParameters.serialize(SCHEMA, b, CLS));
    assertThat(ClassParameters.serialize(SCHEMA, Map.of("zeta", "z", "count", 2), CLS))
        .isNotEqualTo(ClassParameters.serialize(SCHEMA, a, CLS));
  }

  @Test
  void integerKinds() throws Exception {
    for (Object v : new Object[] {5, 5L, (short) 5, (byte) 5, BigInteger.valueOf(5)}) {
      assertThat(
              decode(ClassParameters.serialize(SCHEMA, Map.of("zeta", "", "count", v), CLS))
                  .get(1)
                  .getIntValue())
          .isEqualTo(5);
    }
    assertThatThrownBy(
            () ->
                ClassParameters.serialize(
                    SCHEMA, Map.of("zeta", "", "count", BigInteger.TWO.pow(63)), CLS))
        .hasMessageContaining("Parameter 'count' must be an integer");
  }

  @Test
  void refusesWrongTypes() {
    assertThatThrownBy(() -> ClassParameters.serialize(SCHEMA, Map.of("zeta", 3), CLS))
        .isInstanceOf(InvalidException.class)
        .hasMessage("Parameter 'zeta' must be a String, got Integer");
    assertThatThrownBy(
            () -> ClassParameters.serialize(SCHEMA, Map.of("zeta", "", "count", 1.5), CLS))
        .hasMessageContaining("'count' must be an integer");
    assertThatThrownBy(
            () -> ClassParameters.serialize(SCHEMA, Map.of("zeta", "", "flag", "true"), CLS))
        .hasMessageContaining("'flag' must be a Boolean, got String");
    assertThatThrownBy(
            () -> ClassParameters.serialize(SCHEMA, Map.of("zeta", "", "blob", "x"), CLS))
        .hasMessageContaining("'blob' must be a byte[]");
    Map<String, Object> withNull = new HashMap<>();
    withNull.put("zeta", null);
    assertThatThrownBy(() -> ClassParameters.serialize(SCHEMA, withNull, CLS))
        .hasMessageContaining("'zeta' must be a String, got null");
  }

  @Test
  void refusesUnknownAndMissing() {
    assertThatThrownBy(
            () -> ClassParameters.serialize(SCHEMA, Map.of("zeta", "", "colour", "red"), CLS))
        .isInstanceOf(InvalidException.class)
        .hasMessage(
            "Class 'app/Model' has no parameter 'colour'; its parameters are: blob, count, flag, zeta");
    assertThatThrownBy(() -> ClassParameters.serialize(SCHEMA, Map.of(), CLS))
        .hasMessage("Class 'app/Model' needs a value for parameter 'zeta'");
    assertThatThrownBy(() -> ClassParameters.serialize(List.of(), Map.of("x", 1), CLS))
        .hasMessageContaining("its parameters are: (none)");
  }

  @Test
  void emptySchemaGivesAnEmptySet() {
    assertThat(ClassParameters.serialize(List.of(), Map.of(), CLS).isEmpty()).isTrue();
  }

  @Test
  void refusesUnsupportedTypesAndFormats() {
    List<ClassParameterSpec> listSchema = List.of(spec("xs", ParameterType.PARAM_TYPE_LIST));
    assertThatThrownBy(() -> ClassParameters.serialize(listSchema, Map.of("xs", List.of()), CLS))
        .hasMessageContaining("PARAM_TYPE_LIST")
        .hasMessageContaining("does not support");
    ClassParameterInfo pickle =
        ClassParameterInfo.newBuilder()
            .setFormat(ParameterSerializationFormat.PARAM_SERIALIZATION_FORMAT_PICKLE)
            .addSchema(spec("a", ParameterType.PARAM_TYPE_STRING))
            .build();
    assertThatThrownBy(() -> ClassParameters.checkFormat(pickle, CLS))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("Class 'app/Model'")
        .hasMessageContaining("PROTO");
    ClassParameters.checkFormat(ClassParameterInfo.getDefaultInstance(), CLS);
    ClassParameters.checkFormat(
        pickle.toBuilder()
            .setFormat(ParameterSerializationFormat.PARAM_SERIALIZATION_FORMAT_PROTO)
            .build(),
        CLS);
  }
}
