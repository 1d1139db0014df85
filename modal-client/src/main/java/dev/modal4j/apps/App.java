package dev.modal4j.apps;

import java.util.Objects;

/**
 * A Modal App, as returned by {@link Apps#fromName(String)}.
 *
 * <p>Immutable; equal when id, name and environment are equal.
 */
public final class App {
  private final String appId;
  private final String name;
  private final String environment;

  App(String appId, String name, String environment) {
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
