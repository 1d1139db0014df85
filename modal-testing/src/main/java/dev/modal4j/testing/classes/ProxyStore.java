package dev.modal4j.testing.classes;

import dev.modal4j.proto.Proxy;
import dev.modal4j.proto.ProxyGetRequest;
import dev.modal4j.proto.ProxyGetResponse;
import dev.modal4j.proto.ProxyIp;
import dev.modal4j.proto.ProxyIpStatus;
import dev.modal4j.testing.EmulatorState;
import io.grpc.Status;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The emulated workspace's proxies (static outbound IPs), made by tests or fixtures with {@link
 * #create}; clients find them with ProxyGet. The emulator does not route sandbox traffic through
 * them: a sandbox created with a proxy id only has the id checked.
 */
public final class ProxyStore {
  private final EmulatorState state;
  private final Map<String, Proxy> byName = new ConcurrentHashMap<>();

  /** Creates an empty store over the emulator's shared state. */
  public ProxyStore(EmulatorState state) {
    this.state = state;
    state
        .environments()
        .onDeleted(env -> byName.keySet().removeIf(k -> k.startsWith(env + '\u0000')));
  }

  /**
   * Creates the named proxy in {@code environment} ("" = main) if missing, with one online IP (a
   * documentation address); returns its id ({@code pr-...}).
   */
  public String create(String environment, String name) {
    String env = state.environments().resolve(environment);
    if (name == null || !name.matches("[a-zA-Z0-9\\-_.]{1,64}")) {
      throw new IllegalArgumentException("invalid proxy name: '" + name + "'");
    }
    double now = state.clock().millis() / 1000.0;
    return byName
        .computeIfAbsent(
            env + '\u0000' + name,
            k ->
                Proxy.newBuilder()
                    .setName(name)
                    .setProxyId(state.newId("pr"))
                    .setEnvironmentName(env)
                    .setCreatedAt(now)
                    .setRegion("us-east")
                    .addProxyIps(
                        ProxyIp.newBuilder()
                            .setProxyIp("192.0.2." + (1 + byName.size() % 250))
                            .setStatus(ProxyIpStatus.PROXY_IP_STATUS_ONLINE)
                            .setCreatedAt(now)
                            .setEnvironmentName(env))
                    .build())
        .getProxyId();
  }

  /** The id of the named proxy in {@code environment} ("" = main), if it exists. */
  public Optional<String> proxyId(String environment, String name) {
    String env = state.environments().resolve(environment);
    return Optional.ofNullable(byName.get(env + '\u0000' + name)).map(Proxy::getProxyId);
  }

  /** Whether a proxy with this id exists. */
  public boolean exists(String proxyId) {
    return byName.values().stream().anyMatch(p -> p.getProxyId().equals(proxyId));
  }

  ProxyGetResponse get(ProxyGetRequest request) {
    String env = state.environments().resolve(request.getEnvironmentName());
    Proxy proxy = byName.get(env + '\u0000' + request.getName());
    if (proxy == null) {
      throw Status.NOT_FOUND
          .withDescription("Proxy '" + request.getName() + "' not found")
          .asRuntimeException();
    }
    return ProxyGetResponse.newBuilder().setProxy(named(proxy, env)).build();
  }

  /** The proxy with its environment's current name (the environment may have been renamed). */
  private Proxy named(Proxy proxy, String env) {
    String name = state.environments().name(env);
    Proxy.Builder out = proxy.toBuilder().setEnvironmentName(name);
    out.getProxyIpsBuilderList().forEach(ip -> ip.setEnvironmentName(name));
    return out.build();
  }
}
