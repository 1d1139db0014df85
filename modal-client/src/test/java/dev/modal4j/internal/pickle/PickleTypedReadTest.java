package dev.modal4j.internal.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.modal4j.DeserializationException;
import dev.modal4j.PyTuple;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Typed reads through Jackson, and records and POJOs written as dicts. */
class PickleTypedReadTest {
  record Point(int x, int y) {}

  record Shape(String name, List<Point> points, Map<String, Long> tags, byte[] blob) {}

  private static <T> T read(Object value, Class<T> type) {
    return Pickles.decode(Pickles.encode(value, "value"), Pickles.type(type));
  }

  @Test
  void readsNestedValuesIntoRecords() {
    Map<String, Object> shape = new LinkedHashMap<>();
    shape.put("name", "tri\u00e4ngle");
    shape.put("points", List.of(Map.of("x", 1, "y", 2), Map.of("x", 3, "y", 4)));
    shape.put("tags", Map.of("big", 1L << 40));
    shape.put("blob", new byte[] {9, 8});
    Shape s = read(shape, Shape.class);
    assertThat(s.name()).isEqualTo("tri\u00e4ngle");
    assertThat(s.points()).containsExactly(new Point(1, 2), new Point(3, 4));
    assertThat(s.tags()).containsEntry("big", 1L << 40);
    assertThat(s.blob()).containsExactly(9, 8);
  }

  @Test
  void writesRecordsAsDictsAndReadsTypeReferences() {
    Object untyped = Pickles.decode(Pickles.encode(new Point(5, 6), "value"));
    assertThat(untyped).isEqualTo(Map.of("x", 5L, "y", 6L));
    Map<String, List<Point>> m =
        Pickles.decode(
            Pickles.encode(Map.of("a", List.of(new Point(1, 1))), "value"),
            Pickles.type(new TypeReference<Map<String, List<Point>>>() {}));
    assertThat(m.get("a")).containsExactly(new Point(1, 1));
  }

  @Test
  void untypedReadsKeepPythonKinds() {
    Object v =
        Pickles.decode(
            Pickles.encode(
                List.of(PyTuple.of(1, "a"), Set.of(2), BigInteger.ONE.shiftLeft(70), 1.5f),
                "value"));
    assertThat(v)
        .isEqualTo(List.of(PyTuple.of(1L, "a"), Set.of(2L), BigInteger.ONE.shiftLeft(70), 1.5));
    assertThat(((List<?>) v).get(0)).isInstanceOf(PyTuple.class);
    assertThat(read(BigInteger.ONE.shiftLeft(70), BigInteger.class))
        .isEqualTo(BigInteger.ONE.shiftLeft(70));
    assertThat(read(40000, Integer.class)).isEqualTo(40000);
    assertThat(read(PyTuple.of(1, 2), int[].class)).containsExactly(1, 2);
  }

  @Test
  void aMismatchedTypeIsADeserializationException() {
    assertThatThrownBy(() -> read("text", Point.class))
        .isInstanceOf(DeserializationException.class);
    assertThatThrownBy(() -> read(BigInteger.ONE.shiftLeft(70), Long.class))
        .isInstanceOf(DeserializationException.class);
  }
}
