package dev.modal4j.testing.functions;

import dev.modal4j.testing.EmulatorState;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Where the functions backend resolves environments and records deployed apps. */
public interface AppDirectory {

  /** The environment a request names ("" = the default); NOT_FOUND status if unknown. */
  String resolveEnvironment(String name);

  /** The current name of the environment {@link #resolveEnvironment} gave (it may be renamed). */
  default String environmentName(String environment) {
    return environment;
  }

  /**
   * Marks {@code app} deployed in {@code environment} (as {@link #resolveEnvironment} gave it) and
   * returns its app id.
   */
  String deploy(String environment, String app);

  /** Whether {@code app} exists in {@code environment} (as {@link #resolveEnvironment} gave it). */
  boolean exists(String environment, String app);

  /** The emulator's environments and app registry. */
  static AppDirectory of(EmulatorState state) {
    return new AppDirectory() {
      @Override
      public String resolveEnvironment(String name) {
        return state.environments().resolve(name);
      }

      @Override
      public String environmentName(String environment) {
        return state.environments().name(environment);
      }

      @Override
      public String deploy(String environment, String app) {
        return state.apps().deployInEnvironment(environment, app).appId();
      }

      @Override
      public boolean exists(String environment, String app) {
        return state.apps().findInEnvironment(environment, app).isPresent();
      }
    };
  }

  /** A standalone directory: any environment name, apps known once deployed here. */
  static AppDirectory standalone() {
    Map<String, String> apps = new ConcurrentHashMap<>();
    AtomicLong ids = new AtomicLong();
    return new AppDirectory() {
      @Override
      public String resolveEnvironment(String name) {
        return name == null || name.isEmpty() ? FunctionRegistry.DEFAULT_ENVIRONMENT : name;
      }

      @Override
      public String deploy(String environment, String app) {
        return apps.computeIfAbsent(
            environment + '\u0000' + app,
            k -> String.format("ap-emulator%012d", ids.incrementAndGet()));
      }

      @Override
      public boolean exists(String environment, String app) {
        return apps.containsKey(environment + '\u0000' + app);
      }
    };
  }
}
