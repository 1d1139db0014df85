package dev.modal4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modal4j.functions.Function;
import dev.modal4j.proto.FunctionInput;
import dev.modal4j.proto.FunctionMapRequest;
import dev.modal4j.proto.FunctionPutInputsItem;
import dev.modal4j.testing.functions.internal.DefiniteLengthScanner;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The oracle for what the SDK puts on the wire is the emulator's own codec (PeterO's CBOR), not the
 * SDK's: a handler records the arguments exactly as the emulator decoded them, and the captured
 * request bytes are checked for definite lengths by a header scanner that uses no CBOR library.
 */
@Timeout(30)
class SdkArgumentsCborTest {
  private static ClassesEnv env;
  private static final BlockingQueue<List<Object>> RECEIVED = new ArrayBlockingQueue<>(8);
  private static final List<Object> CONSTANTS =
      List.of(
          BigInteger.TWO.pow(70).negate(),
          BigInteger.TWO.pow(64).negate().subtract(BigInteger.ONE),
          BigInteger.TWO.pow(64),
          Long.MIN_VALUE);
  private final RequestCapture capture = new RequestCapture();
  private ModalClient modal;

  record Person(String name, int age, List<String> tags) {}

  @BeforeAll
  static void start() {
    env = new ClassesEnv();
    env.emulator
        .deploy("cbor-oracle")
        .function(
            "inspect",
            (args, kwargs) -> {
              RECEIVED.add(List.of(args, kwargs));
              return null;
            })
        .function("constants", (args, kwargs) -> CONSTANTS);
  }

  @AfterAll
  static void stop() {
    env.close();
  }

  @BeforeEach
  void connect() {
    RECEIVED.clear();
    modal = env.client(capture);
  }

  @AfterEach
  void disconnect() {
    modal.close();
  }

  private static List<Object> received() throws InterruptedException {
    List<Object> call = RECEIVED.poll(10, TimeUnit.SECONDS);
    assertThat(call).as("the handler ran").isNotNull();
    return call;
  }

  @Test
  void handlersReceiveWhatTheSdkMeant() throws Exception {
    Function inspect = modal.functions().fromName("cbor-oracle", "inspect");
    Instant when = Instant.parse("2024-05-06T07:08:09.123456789Z");
    String longText = "modal-é€😀-".repeat(8_000);
    byte[] data = new byte[100_000];
    new Random(3).nextBytes(data);
    List<Object> args = new ArrayList<>();
    args.add(7);
    args.add(Long.MIN_VALUE);
    args.add(BigInteger.valueOf(5));
    args.add(BigInteger.TWO.pow(90));
    args.add(1.5d);
    args.add(longText);
    args.add(data);
    args.add(when);
    args.add(null);
    args.add(true);
    args.add(new Person("ada", 36, List.of("x")));
    args.add(List.of(List.of(), Map.of()));
    Map<String, Object> kwargs = new LinkedHashMap<>();
    kwargs.put("b", "second");
    kwargs.put("a", when);

    assertThat(inspect.remote(Object.class, args, kwargs)).isNull();

    List<Object> call = received();
    @SuppressWarnings("unchecked")
    List<Object> got = (List<Object>) call.get(0);
    assertThat(got.subList(0, 6))
        .containsExactly(7L, Long.MIN_VALUE, 5L, BigInteger.TWO.pow(90), 1.5d, longText);
    assertThat((byte[]) got.get(6)).isEqualTo(data);
    assertThat(got.get(7)).isEqualTo(when);
    assertThat(got.get(8)).isNull();
    assertThat(got.get(9)).isEqualTo(true);
    assertThat(got.get(10)).isEqualTo(Map.of("name", "ada", "age", 36L, "tags", List.of("x")));
    assertThat(got.get(11)).isEqualTo(List.of(List.of(), Map.of()));
    @SuppressWarnings("unchecked")
    Map<String, Object> gotKwargs = (Map<String, Object>) call.get(1);
    assertThat(gotKwargs).containsExactly(Map.entry("b", "second"), Map.entry("a", when));

    List<FunctionInput> sent = new ArrayList<>();
    for (FunctionMapRequest map : capture.of(FunctionMapRequest.class)) {
      map.getPipelinedInputsList().stream().map(FunctionPutInputsItem::getInput).forEach(sent::add);
    }
    assertThat(sent).isNotEmpty();
    for (FunctionInput input : sent) {
      assertThat(input.getArgsOneofCase()).isEqualTo(FunctionInput.ArgsOneofCase.ARGS);
      DefiniteLengthScanner.assertAllDefinite(input.getArgs().toByteArray());
    }
  }

  /**
   * RFC 8949 tag 3 holds {@code -1 - v}. Jackson's CBOR, unless told otherwise, writes {@code |v|}
   * and reads tag 3 as {@code -n}: the SDK's negative integers below {@code -2^63} would reach
   * Python one lower than sent while its own round trips pass. A round trip cannot see it; these
   * two one-way tests can.
   */
  @Test
  void negativeBignumsReachHandlersUnchanged() throws Exception {
    Function inspect = modal.functions().fromName("cbor-oracle", "inspect");
    BigInteger value = BigInteger.TWO.pow(70).negate();
    inspect.remote(Object.class, value);
    assertThat(((List<?>) received().get(0)).get(0)).isEqualTo(value);
  }

  @Test
  void resultsTheEmulatorWritesReachTheSdkUnchanged() {
    Function constants = modal.functions().fromName("cbor-oracle", "constants");
    List<BigInteger> got =
        constants.remote(new com.fasterxml.jackson.core.type.TypeReference<List<BigInteger>>() {});
    assertThat(got)
        .containsExactly(
            BigInteger.TWO.pow(70).negate(),
            BigInteger.TWO.pow(64).negate().subtract(BigInteger.ONE),
            BigInteger.TWO.pow(64),
            BigInteger.valueOf(Long.MIN_VALUE));
  }
}
