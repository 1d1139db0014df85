package dev.modal4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.modal4j.functions.Function;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class FunctionRemoteTest {
  static FunctionsEnv env;
  ModalClient modal;

  record Person(String name, int age, List<String> tags) {}

  @BeforeAll
  static void startEmulator() {
    env = new FunctionsEnv();
  }

  @AfterAll
  static void stopEmulator() {
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

  private Function fn(String name) {
    return modal.functions().fromName("modal4j-demo", name);
  }

  @Test
  void positionalAndKeywordArguments() {
    assertThat(fn("square").remote(Integer.class, 7)).isEqualTo(49);
    Function add = fn("add");
    assertThat(add.remote(Integer.class, 2, 3)).isEqualTo(5);
    assertThat(add.remote(Integer.class, List.of(2), Map.of("b", 40))).isEqualTo(42);
    assertThat(add.remote(Integer.class, List.of(), Map.of("a", 1, "b", 2))).isEqualTo(3);
  }

  @Test
  void typedResults() {
    Function echo = fn("echo");
    Person p = new Person("Ada", 36, List.of("math"));
    assertThat(echo.remote(Person.class, p)).isEqualTo(p);
    Instant t = Instant.parse("2024-02-03T04:05:06.789Z");
    assertThat(echo.remote(Instant.class, t)).isEqualTo(t);
    BigInteger big = BigInteger.TWO.pow(90).negate();
    assertThat(echo.remote(BigInteger.class, big)).isEqualTo(big);
    assertThat(echo.remote(byte[].class, (Object) new byte[] {1, 2, 3})).containsExactly(1, 2, 3);
    List<Person> people =
        echo.remote(new TypeReference<List<Person>>() {}, List.of(List.of(p, p)), Map.of());
    assertThat(people).containsExactly(p, p);
    Object untyped = echo.remote(Object.class, Map.of("k", List.of(1, "x")));
    assertThat(untyped).isEqualTo(Map.of("k", List.of(1, "x")));
    assertThat(fn("square").remote(BigInteger.class, BigInteger.TWO.pow(40)))
        .isEqualTo(BigInteger.TWO.pow(80));
  }

  @Test
  void asyncRemote() throws Exception {
    assertThat(fn("square").remoteAsync(Integer.class, 9).get()).isEqualTo(81);
  }

  @Test
  void remoteExceptionCarriesTextAndTraceback() {
    assertThatThrownBy(() -> fn("fail").remote(Object.class, "boom"))
        .isInstanceOfSatisfying(
            RemoteException.class,
            e -> {
              assertThat(e.getMessage()).contains("ValueError").contains("boom");
              assertThat(e.remoteTraceback()).get().asString().startsWith("Traceback");
            });
  }

  @Test
  void unknownFunctionIsNotFound() {
    assertThatThrownBy(() -> modal.functions().fromName("modal4j-demo", "nope"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("Function 'modal4j-demo/nope' not found");
  }

  @Test
  void dottedNamePointsToCls() {
    assertThatThrownBy(() -> modal.functions().fromName("modal4j-demo", "Greeter.greet"))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("cls().fromName");
  }

  @Test
  void webEndpointIsRefusedButHasAUrl() {
    Function web = fn("web");
    assertThat(web.webUrl()).isPresent();
    assertThatThrownBy(() -> web.remote(Object.class)).isInstanceOf(InvalidException.class);
    assertThatThrownBy(() -> web.spawn(Object.class)).isInstanceOf(InvalidException.class);
  }

  @Test
  void inputPlaneFunction() {
    assertThat(fn("square_ip").remote(Long.class, 12)).isEqualTo(144L);
  }
}
