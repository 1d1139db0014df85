package dev.modal4j.testing;

import dev.modal4j.proto.AppState;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The apps of an emulated workspace, by environment and name (named apps) and by id (all apps).
 *
 * <p>Methods taking an environment accept a request's raw value ({@code ""} means {@code main}) and
 * throw {@code StatusRuntimeException} NOT_FOUND for unknown environments, INVALID_ARGUMENT for bad
 * names, so gRPC handlers can let them propagate. Thread-safe.
 */
public final class AppRegistry {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,63}");

  private final Environments environments;
  private final Clock clock;
  private final Supplier<String> ids;
  private final Map<String, RegisteredApp> byName = new ConcurrentHashMap<>();
  private final Map<String, RegisteredApp> byId = new ConcurrentHashMap<>();
  private final Map<String, java.time.Instant> stoppedAt = new ConcurrentHashMap<>();

  AppRegistry(Environments environments, Clock clock, Supplier<String> ids) {
    this.environments = environments;
    this.clock = clock;
    this.ids = ids;
    environments.onDeleted(this::dropEnvironment);
  }

  /** The named app {@code name} in {@code environment}, if it exists. */
  public Optional<RegisteredApp> find(String environment, String name) {
    return findInEnvironment(environments.resolve(environment), name);
  }

  /** The named app {@code name} in the environment with this key (see {@link Environments}). */
  public Optional<RegisteredApp> findInEnvironment(String environmentKey, String name) {
    return Optional.ofNullable(byName.get(key(environmentKey, name)));
  }

  /** The app with this id, named or ephemeral. */
  public Optional<RegisteredApp> byId(String appId) {
    return Optional.ofNullable(byId.get(appId));
  }

  /** The named app, created (deployed, version 1) if missing. */
  public RegisteredApp getOrCreate(String environment, String name) {
    String env = environments.resolve(environment);
    return byName.computeIfAbsent(key(env, checkName(name)), k -> register(newDeployed(env, name)));
  }

  /**
   * Creates the named app.
   *
   * @throws StatusRuntimeException ALREADY_EXISTS if it exists
   */
  public RegisteredApp create(String environment, String name) {
    String env = environments.resolve(environment);
    RegisteredApp created = newDeployed(env, checkName(name));
    if (byName.putIfAbsent(key(env, name), created) != null) {
      throw dev.modal4j.testing.internal.SharedObjects.alreadyExists(
          "App", name, environments.name(env));
    }
    return register(created);
  }

  /** Creates the named app, replacing (under a new id) any app of that name. */
  public RegisteredApp replace(String environment, String name) {
    String env = environments.resolve(environment);
    RegisteredApp created = register(newDeployed(env, checkName(name)));
    RegisteredApp old = byName.put(key(env, name), created);
    if (old != null) {
      byId.remove(old.appId());
    }
    return created;
  }

  /** Creates an ephemeral app: reachable by id only, never by name. */
  public RegisteredApp createEphemeral(String environment, String name) {
    String env = environments.resolve(environment);
    return register(
        new RegisteredApp(
            ids.get(), name, env, AppState.APP_STATE_EPHEMERAL, clock.instant(), null, 0));
  }

  /**
   * Deploys the named app: creates it at version 1, or keeps its id and bumps its version if it is
   * already deployed.
   */
  public RegisteredApp deploy(String environment, String name) {
    return deployInEnvironment(environments.resolve(environment), name);
  }

  /** {@link #deploy} in the environment with this key (see {@link Environments}). */
  public RegisteredApp deployInEnvironment(String env, String name) {
    RegisteredApp deployed =
        byName.compute(
            key(env, checkName(name)),
            (k, old) ->
                old == null
                    ? newDeployed(env, name)
                    : new RegisteredApp(
                        old.appId(),
                        name,
                        env,
                        AppState.APP_STATE_DEPLOYED,
                        old.createdAt(),
                        clock.instant(),
                        old.version() + 1));
    return register(deployed);
  }

  /**
   * Stops the app, as AppStop does: its state becomes {@code APP_STATE_STOPPED} and it is no longer
   * found by name; stopping a stopped app does nothing.
   *
   * @throws StatusRuntimeException NOT_FOUND for an unknown id
   */
  public RegisteredApp stop(String appId) {
    RegisteredApp app =
        byId(appId)
            .orElseThrow(
                () ->
                    Status.NOT_FOUND
                        .withDescription("App '" + appId + "' not found")
                        .asRuntimeException());
    if (app.state() == AppState.APP_STATE_STOPPED) {
      return app;
    }
    RegisteredApp stopped =
        new RegisteredApp(
            app.appId(),
            app.name(),
            app.environment(),
            AppState.APP_STATE_STOPPED,
            app.createdAt(),
            app.deployedAt(),
            app.version());
    stoppedAt.put(appId, clock.instant());
    byId.put(appId, stopped);
    byName.remove(key(app.environment(), app.name()), app);
    return stopped;
  }

  /** When the app was stopped, if it was. */
  public Optional<java.time.Instant> stoppedAt(String appId) {
    return Optional.ofNullable(stoppedAt.get(appId));
  }

  /** The apps of an environment (by its key), named, ephemeral and stopped, oldest first. */
  public List<RegisteredApp> inEnvironment(String environmentKey) {
    return list().stream().filter(a -> a.environment().equals(environmentKey)).toList();
  }

  private void dropEnvironment(String environmentKey) {
    byId.values().removeIf(a -> a.environment().equals(environmentKey));
    byName.values().removeIf(a -> a.environment().equals(environmentKey));
  }

  /** Every app, named and ephemeral, oldest first. */
  public List<RegisteredApp> list() {
    return byId.values().stream().sorted(Comparator.comparing(RegisteredApp::createdAt)).toList();
  }

  private RegisteredApp newDeployed(String env, String name) {
    var now = clock.instant();
    return new RegisteredApp(ids.get(), name, env, AppState.APP_STATE_DEPLOYED, now, now, 1);
  }

  private RegisteredApp register(RegisteredApp app) {
    byId.put(app.appId(), app);
    return app;
  }

  private static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw Status.INVALID_ARGUMENT
          .withDescription(
              "Invalid App name '"
                  + name
                  + "': use 1-63 letters, digits, dashes, periods or underscores")
          .asRuntimeException();
    }
    return name;
  }

  private static String key(String env, String name) {
    return env + '\u0000' + name;
  }
}
