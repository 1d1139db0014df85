package dev.modal4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.modal4j.functions.Cls;
import dev.modal4j.functions.ClsInstance;
import dev.modal4j.proto.ClassParameterInfo;
import dev.modal4j.proto.ClassParameterInfo.ParameterSerializationFormat;
import dev.modal4j.proto.ClassParameterSpec;
import dev.modal4j.proto.ParameterType;
import dev.modal4j.testing.classes.EmulatedClass;
import dev.modal4j.testing.functions.FunctionBody;
import dev.modal4j.testing.functions.FunctionDefinition;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClsParametersTest {
  private static final String APP = "cls-params";
  private static ClassesEnv env;
  private ModalClient modal;

  @BeforeAll
  static void start() {
    env = new ClassesEnv();
    env.classes.deploy(
        APP,
        EmulatedClass.builder("Model")
            .intParameter("size", null)
            .boolParameter("verbose", false)
            .bytesParameter("seed", new byte[] {7})
            .stringParameter("name", "m")
            .method(
                "describe",
                (self, args, kwargs) ->
                    Map.of(
                        "size", self.parameter("size"),
                        "verbose", self.parameter("verbose"),
                        "seed", self.parameter("seed"),
                        "name", self.parameter("name")))
            .build());
    env.classes.deploy(
        APP, EmulatedClass.builder("Plain").method("ping", (self, args, kwargs) -> "pong").build());
    ClassParameterInfo pickle =
        ClassParameterInfo.newBuilder()
            .setFormat(ParameterSerializationFormat.PARAM_SERIALIZATION_FORMAT_PICKLE)
            .addSchema(
                ClassParameterSpec.newBuilder()
                    .setName("x")
                    .setType(ParameterType.PARAM_TYPE_STRING))
            .build();
    env.emulator
        .functions()
        .registry()
        .register(
            FunctionDefinition.builder(APP, "Legacy.*")
                .method("run", FunctionBody.function((args, kwargs) -> null))
                .metadata(b -> b.setClassParameterInfo(pickle))
                .build());
  }

  @AfterAll
  static void stop() {
    env.close();
  }

  @BeforeEach
  void connect() {
    modal = env.client();
  }

  @AfterEach
  void disconnect() {
    modal.close();
  }

  @Test
  void allParameterTypesRoundTrip() {
    ClsInstance m =
        modal
            .cls()
            .fromName(APP, "Model")
            .instance(Map.of("size", 3, "verbose", true, "seed", new byte[] {1, 2}));
    Map<String, Object> d =
        m.method("describe").remote(new TypeReference<Map<String, Object>>() {});
    assertThat(d)
        .containsEntry("size", 3)
        .containsEntry("verbose", true)
        .containsEntry("name", "m");
    assertThat((byte[]) d.get("seed")).containsExactly(1, 2);
  }

  @Test
  void missingRequiredParameterIsRefusedWithoutAnyRpc() {
    Cls model = modal.cls().fromName(APP, "Model");
    long before = env.emulator.stats().total();
    assertThatThrownBy(model::instance)
        .isInstanceOf(InvalidException.class)
        .hasMessage("Class 'cls-params/Model' needs a value for parameter 'size'");
    assertThatThrownBy(() -> model.instance(Map.of("size", 1.5)))
        .hasMessageContaining("'size' must be an integer");
    assertThatThrownBy(() -> model.instance(Map.of("size", 1, "seed", List.of(1))))
        .hasMessageContaining("'seed' must be a byte[]");
    assertThat(env.emulator.stats().total()).isEqualTo(before);
  }

  @Test
  void classWithoutParametersOrOptionsIsNotBound() {
    long before = env.emulator.stats().count("FunctionBindParams");
    Cls plain = modal.cls().fromName(APP, "Plain");
    ClsInstance instance = plain.instance();
    assertThat(instance.functionId()).isEqualTo(plain.serviceFunctionId());
    assertThat(instance.method("ping").remote(String.class)).isEqualTo("pong");
    assertThat(env.emulator.stats().count("FunctionBindParams")).isEqualTo(before);
    assertThatThrownBy(() -> plain.instance(Map.of("x", 1)))
        .hasMessageContaining("its parameters are: (none)");
  }

  @Test
  void nonProtoParametersAreRefusedClearly() {
    assertThatThrownBy(() -> modal.cls().fromName(APP, "Legacy"))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("PARAM_SERIALIZATION_FORMAT_PICKLE")
        .hasMessageContaining("only PROTO");
  }
}
