package dev.modal4j.dicts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.InvalidException;
import dev.modal4j.NotFoundException;
import dev.modal4j.PyTuple;
import dev.modal4j.queues.ObjectsEnv;
import java.math.BigInteger;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DictTest {
  private ObjectsEnv env;
  private Dicts dicts;

  @BeforeEach
  void start() {
    env = new ObjectsEnv();
    dicts = env.modal.dicts();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  record Model(String name, List<Layer> layers) {}

  record Layer(int units, Map<String, Double> params) {}

  @Test
  void putGetContainsLenAndDefaults() {
    try (Dict d = dicts.ephemeral()) {
      d.put("answer", 42);
      d.put(7, "seven");
      d.put(PyTuple.of("x", 1), List.of(1, 2));
      assertThat(d.get("answer", Integer.class)).contains(42);
      assertThat(d.get(7, String.class)).contains("seven");
      assertThat(d.get(PyTuple.of("x", 1), Object.class)).contains(List.of(1L, 2L));
      assertThat(d.get("missing", String.class)).isEmpty();
      assertThat(d.get("missing", String.class, "fallback")).isEqualTo("fallback");
      assertThat(d.contains("answer")).isTrue();
      assertThat(d.contains("7")).isFalse(); // the str '7' is not the int 7
      assertThat(d.len()).isEqualTo(3);
      d.put("answer", 43);
      assertThat(d.get("answer", Integer.class)).contains(43);
      assertThat(d.len()).isEqualTo(3);
    }
  }

  @Test
  void putCanSkipAnExistingKey() {
    try (Dict d = dicts.ephemeral()) {
      DictPutParams skip = DictPutParams.builder().skipIfExists(true).build();
      assertThat(d.put("k", 1, skip)).isTrue();
      assertThat(d.put("k", 2, skip)).isFalse();
      assertThat(d.get("k", Integer.class)).contains(1);
      assertThat(d.put("k", 3, DictPutParams.DEFAULT)).isTrue();
      assertThat(d.get("k", Integer.class)).contains(3);
    }
  }

  @Test
  void popRemovesAndReturnsOrFallsBack() {
    try (Dict d = dicts.ephemeral()) {
      d.update(Map.of("a", 1, "b", 2));
      assertThat(d.pop("a", Integer.class)).isEqualTo(1);
      assertThat(d.contains("a")).isFalse();
      assertThat(d.len()).isEqualTo(1);
      assertThatThrownBy(() -> d.pop("a", Integer.class))
          .isInstanceOf(NotFoundException.class)
          .hasMessageContaining("not in dict");
      assertThat(d.pop("a", Integer.class, -1)).isEqualTo(-1);
      assertThat(d.pop("b", Integer.class, -1)).isEqualTo(2);
    }
  }

  @Test
  void keysValuesAndItemsStreamLazilyAndClearEmpties() {
    try (Dict d = dicts.ephemeral()) {
      Map<String, Integer> m = new LinkedHashMap<>();
      for (int i = 0; i < 50; i++) {
        m.put("k" + i, i);
      }
      d.update(m);
      try (Stream<String> keys = d.keys(String.class)) {
        assertThat(keys.collect(Collectors.toList())).containsExactlyElementsOf(m.keySet());
      }
      try (Stream<Integer> values = d.values(Integer.class)) {
        assertThat(values.mapToInt(Integer::intValue).sum()).isEqualTo(49 * 50 / 2);
      }
      try (Stream<Map.Entry<String, Integer>> items = d.items(String.class, Integer.class)) {
        assertThat(items.limit(3).map(Map.Entry::getKey)).containsExactly("k0", "k1", "k2");
      }
      long streamsBefore = env.emulator.stats().count("DictContents");
      Stream<String> unused = d.keys(String.class);
      assertThat(env.emulator.stats().count("DictContents")).isEqualTo(streamsBefore); // lazy
      unused.close();
      d.clear();
      assertThat(d.len()).isZero();
      try (Stream<String> keys = d.keys(String.class)) {
        assertThat(keys).isEmpty();
      }
    }
  }

  @Test
  void nestedValuesReadBackIntoRecordsAndUntyped() {
    try (Dict d = dicts.ephemeral()) {
      Model model =
          new Model("m\u00fcnch", List.of(new Layer(8, Map.of("lr", 0.1)), new Layer(2, Map.of())));
      d.put("model", model);
      assertThat(d.get("model", Model.class)).contains(model);
      Map<String, Object> raw = new LinkedHashMap<>();
      raw.put("big", BigInteger.TWO.pow(70));
      raw.put("pair", PyTuple.of(1.5, new byte[] {1}));
      d.put("raw", raw);
      Object back = d.get("raw", Object.class).orElseThrow();
      assertThat(((Map<?, ?>) back).get("big")).isEqualTo(BigInteger.TWO.pow(70));
      assertThat(((Map<?, ?>) back).get("pair")).isInstanceOf(PyTuple.class);
    }
  }

  @Test
  void keysAreStoredAsThePicklesPythonWrites() {
    try (Dict d = dicts.ephemeral()) {
      d.put("a", 1);
      // pickle.dumps("a", protocol=4) in CPython 3.11
      byte[] pythonKey = HexFormat.of().parseHex("80049505000000000000008c0161942e");
      Optional<byte[]> stored = env.emulator.dicts().rawValue(d.dictId(), pythonKey);
      assertThat(stored).isPresent();
      // pickle.dumps(1, protocol=4)
      assertThat(stored.get()).containsExactly(HexFormat.of().parseHex("80044b012e"));
    }
  }

  @Test
  void namedDictsEphemeralExpiryAndDelete() {
    assertThatThrownBy(() -> dicts.fromName("cache"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("Dict 'cache' not found");
    Dict named =
        dicts.fromName("cache", DictFromNameParams.builder().createIfMissing(true).build());
    named.put("x", 1);
    assertThat(dicts.fromName("cache").get("x", Integer.class)).contains(1);

    Dict eph = dicts.ephemeral();
    ObjectsEnv.await(
        () -> env.emulator.stats().count("DictHeartbeat") >= 1,
        Duration.ofSeconds(10),
        "a heartbeat");
    eph.put("y", 2);
    eph.close();
    env.clock.advance(Duration.ofMinutes(11));
    env.emulator.dicts().ephemeralTimeout(Duration.ofMinutes(10));
    assertThatThrownBy(() -> eph.get("y", Integer.class)).isInstanceOf(NotFoundException.class);
    assertThat(named.get("x", Integer.class)).contains(1);

    dicts.delete("cache");
    assertThatThrownBy(() -> named.len()).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> dicts.delete("cache")).isInstanceOf(NotFoundException.class);
    dicts.delete("cache", DictDeleteParams.builder().allowMissing(true).build());
  }

  @Test
  void badInputIsRefusedBeforeAnyRpc() {
    try (Dict d = dicts.ephemeral()) {
      long updates = env.emulator.stats().count("DictUpdate");
      assertThatThrownBy(() -> d.put(List.of(1), 1))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("key");
      assertThatThrownBy(() -> d.put("k", new Object()))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("value");
      assertThatThrownBy(() -> d.put("k", 1, null))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("params");
      assertThatThrownBy(() -> d.update(null)).isInstanceOf(InvalidException.class);
      assertThatThrownBy(() -> d.get("k", (Class<String>) null))
          .isInstanceOf(InvalidException.class);
      assertThatThrownBy(() -> dicts.fromName("")).isInstanceOf(InvalidException.class);
      assertThat(env.emulator.stats().count("DictUpdate")).isEqualTo(updates);
    }
  }

  @Test
  void noneIsAKeyAndAValue() {
    try (Dict d = dicts.ephemeral()) {
      d.put(null, 1);
      assertThat(d.get(null, Integer.class)).contains(1);
      assertThat(d.contains(null)).isTrue();
      d.put("none", null);
      assertThat(d.contains("none")).isTrue();
      assertThat(d.get("none", Integer.class)).isEmpty();
      assertThat(d.get("none", Integer.class, 7)).as("a present None is not the default").isNull();
      assertThat(d.get("absent", Integer.class, null)).isNull();
      assertThat(d.get("absent", Integer.class, 7)).isEqualTo(7);
      assertThat(d.pop("absent", Integer.class, null)).isNull();
      assertThat(d.pop(null, Integer.class)).isEqualTo(1);
      assertThat(d.contains(null)).isFalse();
    }
  }

  @Test
  void asyncFormsThrowBadInputFromTheCall() {
    try (Dict d = dicts.ephemeral()) {
      long updates = env.emulator.stats().count("DictUpdate");
      long gets = env.emulator.stats().count("DictGet");
      assertThatThrownBy(() -> d.putAsync(List.of(1), 1, DictPutParams.DEFAULT))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("key");
      assertThatThrownBy(() -> d.putAsync("k", new Object(), DictPutParams.DEFAULT))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("value");
      assertThatThrownBy(() -> d.putAsync("k", 1, null))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("params");
      assertThatThrownBy(() -> d.updateAsync(null))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("entries");
      assertThatThrownBy(() -> d.updateAsync(Map.of(java.util.Set.of(1), 1)))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("key");
      assertThatThrownBy(() -> d.getAsync("k", (Class<String>) null))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("type");
      assertThatThrownBy(() -> d.containsAsync(Map.of()))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("key");
      assertThatThrownBy(() -> d.popAsync("k", null))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("type");
      assertThatThrownBy(() -> d.keys(null))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("keyType");
      assertThatThrownBy(() -> dicts.fromNameAsync("", DictFromNameParams.DEFAULT))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("name");
      assertThatThrownBy(() -> DictFromNameParams.builder().environment(null))
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("environment");
      assertThat(env.emulator.stats().count("DictUpdate")).isEqualTo(updates);
      assertThat(env.emulator.stats().count("DictGet")).isEqualTo(gets);
    }
  }
}
