package dev.modal4j.secrets;

import dev.modal4j.InvalidException;
import dev.modal4j.internal.Args;
import java.util.Objects;
import java.util.Optional;

/**
 * A Modal Secret: a set of environment variables stored by Modal, referred to by its id.
 *
 * <p>Get one from {@code modal.secrets().fromName("my-secret")} or create an ephemeral one with
 * {@code modal.secrets().fromMap(Map.of("KEY", "value"))}. The values never leave Modal once
 * stored; this object holds only the id and, for named secrets, the name.
 */
public final class Secret {
  private final String secretId;
  private final String name;

  private Secret(String secretId, String name) {
    this.secretId = Objects.requireNonNull(secretId, "secretId");
    this.name = name;
  }

  /**
   * A secret already known by id (prefix {@code st-}), e.g. one created elsewhere.
   *
   * @throws InvalidException if the id is null or blank
   */
  public static Secret fromId(String secretId) {
    Args.notBlank(secretId, "secretId");
    return new Secret(secretId, null);
  }

  static Secret of(String secretId, String name) {
    return new Secret(secretId, name);
  }

  /** The secret's id, e.g. {@code st-...}. */
  public String secretId() {
    return secretId;
  }

  /** The secret's name, for named secrets; empty for ephemeral ones. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret && ((Secret) o).secretId.equals(secretId);
  }

  @Override
  public int hashCode() {
    return secretId.hashCode();
  }

  @Override
  public String toString() {
    return "Secret{" + secretId + (name == null ? "" : ", name=" + name) + "}";
  }
}
