package dev.modal4j.testing;

import dev.modal4j.ModalClient;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that injects a {@link ModalEmulator} (one per test class, closed after all
 * its tests) and a {@link ModalClient} connected to it (one per test method, closed after it).
 *
 * <pre>{@code
 * @ExtendWith(ModalEmulatorExtension.class)
 * class MyTest {
 *   @Test
 *   void works(ModalEmulator emulator, ModalClient modal) {
 *     modal.apps().fromName("my-app", AppFromNameParams.builder().createIfMissing(true).build());
 *     assertThat(emulator.stats().count("AppGetOrCreate")).isEqualTo(1);
 *   }
 * }
 * }</pre>
 *
 * <p>Each extension context gets its own client: one injected into {@code @BeforeAll} lives as long
 * as the class, one injected into {@code @BeforeEach} is the one the test method receives.
 * {@code @Nested} classes share the emulator of their top-level class.
 */
public final class ModalEmulatorExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ModalEmulatorExtension.class);

  /** Creates the extension; JUnit calls this. */
  public ModalEmulatorExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == ModalEmulator.class || type == ModalClient.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    ModalEmulator emulator = emulator(context);
    if (type == ModalEmulator.class) {
      return emulator;
    }
    if (type == ModalClient.class) {
      return context
          .getStore(NAMESPACE)
          .getOrComputeIfAbsent(
              "client:" + context.getUniqueId(), k -> emulator.newClient(), ModalClient.class);
    }
    throw new ParameterResolutionException("cannot inject " + type.getName());
  }

  private static ModalEmulator emulator(ExtensionContext context) {
    ExtensionContext classContext = context;
    while (classContext.getParent().flatMap(ExtensionContext::getTestClass).isPresent()) {
      classContext = classContext.getParent().get();
    }
    return classContext
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(ModalEmulator.class, k -> ModalEmulator.start(), ModalEmulator.class);
  }
}
