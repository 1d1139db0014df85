package dev.modal4j.proxies;

import dev.modal4j.InvalidException;
import dev.modal4j.internal.Args;
import java.util.Objects;
import java.util.Optional;

/**
 * A Modal Proxy: gives the containers behind it a static outbound IP address. Get one from {@code
 * modal.proxies().fromName("my-proxy")} and give it to {@code
 * SandboxCreateParams.builder().proxy(proxy)}. Equal when the ids are.
 */
public final class Proxy {
  private final String proxyId;
  private final String name;

  private Proxy(String proxyId, String name) {
    this.proxyId = proxyId;
    this.name = name;
  }

  /**
   * A proxy known by id ({@code pr-...}).
   *
   * @throws InvalidException if the id is null or blank
   */
  public static Proxy fromId(String proxyId) {
    return new Proxy(Args.notBlank(proxyId, "proxyId"), null);
  }

  static Proxy of(String proxyId, String name) {
    return new Proxy(proxyId, name);
  }

  /** The proxy's id, e.g. {@code pr-...}. */
  public String proxyId() {
    return proxyId;
  }

  /** The name it was looked up by; empty for {@link #fromId}. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Proxy && ((Proxy) o).proxyId.equals(proxyId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(proxyId);
  }

  @Override
  public String toString() {
    return "Proxy{" + proxyId + (name == null ? "" : ", name=" + name) + "}";
  }
}
