package dev.modal4j.apps;

import dev.modal4j.InvalidException;
import dev.modal4j.NotFoundException;
import dev.modal4j.internal.CallerFutures;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A Modal App, as returned by {@link Apps#fromName(String)}.
 *
 * <p>Immutable; equal when id, name and environment are equal.
 */
public final class App {
  private final String appId;
  private final String name;
  private final String environment;
  private final ClientContext context;

  App(String appId, String name, String environment) {
    this(appId, name, environment, null);
  }

  App(String appId, String name, String environment, ClientContext context) {
    this.context = context;
    this.appId = Objects.requireNonNull(appId);
    this.name = Objects.requireNonNull(name);
    this.environment = Objects.requireNonNull(environment);
  }

  /** The App's id ({@code ap-...}). */
  public String appId() {
    return appId;
  }

  /** The App's name. */
  public String name() {
    return name;
  }

  /** The environment the App was looked up in; "" means the server's default. */
  public String environment() {
    return environment;
  }

  /**
   * The App's lifecycle (state, version, who created and deployed it when) and its member Functions
   * and Servers, fetched now (AppGetInfo).
   *
   * @throws NotFoundException if the App no longer exists
   * @throws InvalidException if this App was not looked up through a {@code ModalClient}
   */
  public AppInfo info() {
    return Futures.join(infoAsync());
  }

  /** The async form of {@link #info()}. */
  public CompletableFuture<AppInfo> infoAsync() {
    if (context == null) {
      throw new InvalidException("App.info() needs an App looked up through a ModalClient");
    }
    return CallerFutures.hand(context, AppInfos.fetch(context, appId));
  }

  /**
   * Stops the App and its running containers (AppStop); a deployed App is no longer found by name.
   *
   * @throws NotFoundException if the App no longer exists
   * @throws InvalidException if this App was not looked up through a {@code ModalClient}
   */
  public void stop() {
    Futures.join(stopAsync());
  }

  /** The async form of {@link #stop()}. */
  public CompletableFuture<Void> stopAsync() {
    if (context == null) {
      throw new InvalidException("App.stop() needs an App looked up through a ModalClient");
    }
    return CallerFutures.hand(context, AppListing.stop(context, appId));
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof App)) {
      return false;
    }
    App other = (App) o;
    return appId.equals(other.appId)
        && name.equals(other.name)
        && environment.equals(other.environment);
  }

  @Override
  public int hashCode() {
    return Objects.hash(appId, name, environment);
  }

  @Override
  public String toString() {
    return "App{appId=" + appId + ", name=" + name + ", environment=" + environment + "}";
  }
}
