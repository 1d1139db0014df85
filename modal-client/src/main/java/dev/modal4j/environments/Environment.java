package dev.modal4j.environments;

import java.util.Objects;

/** A Modal Environment, from {@link Environments#fromName(String)}. Equal when id and name are. */
public final class Environment {
  private final String environmentId;
  private final String name;

  Environment(String environmentId, String name) {
    this.environmentId = Objects.requireNonNull(environmentId);
    this.name = Objects.requireNonNull(name);
  }

  /** The Environment's id ({@code en-...}). */
  public String environmentId() {
    return environmentId;
  }

  /** The Environment's name. */
  public String name() {
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Environment
        && ((Environment) o).environmentId.equals(environmentId)
        && ((Environment) o).name.equals(name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(environmentId, name);
  }

  @Override
  public String toString() {
    return "Environment{environmentId=" + environmentId + ", name=" + name + "}";
  }
}
