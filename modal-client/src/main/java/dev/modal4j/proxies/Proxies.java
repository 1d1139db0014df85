package dev.modal4j.proxies;

import dev.modal4j.InvalidException;
import dev.modal4j.ModalClient;
import dev.modal4j.ModalException;
import dev.modal4j.NotFoundException;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.CallerFutures;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.options.Lookups;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.ProxyGetRequest;
import java.util.concurrent.CompletableFuture;

/**
 * Looks up Modal Proxies by name (ProxyGet). Get it from {@link ModalClient#proxies()}.
 *
 * <pre>{@code
 * Proxy proxy = modal.proxies().fromName("my-proxy");
 * Sandbox sb = modal.sandboxes().create(app, image,
 *     SandboxCreateParams.builder().proxy(proxy).build());
 * }</pre>
 *
 * <p>The blocking methods throw the exceptions listed; the {@code Async} methods complete their
 * future exceptionally with the same exceptions, except that bad arguments are refused by both
 * forms with an {@link InvalidException} thrown from the call.
 */
public final class Proxies {
  private final ClientContext context;

  /**
   * Used by {@link dev.modal4j.ModalClient}; applications obtain this service from the client.
   *
   * @param context the client's internals
   */
  public Proxies(ClientContext context) {
    this.context = Args.notNull(context, "context");
  }

  /**
   * The proxy named {@code name} in the client's environment.
   *
   * @throws NotFoundException "Proxy '&lt;name&gt;' not found" if there is no such proxy
   * @throws InvalidException if the name is null or blank
   */
  public Proxy fromName(String name) {
    return Futures.join(fromNameAsync(name, ProxyFromNameParams.DEFAULT));
  }

  /**
   * The proxy named {@code name} in the params' environment.
   *
   * @throws NotFoundException "Proxy '&lt;name&gt;' not found" if there is no such proxy
   * @throws InvalidException if the name is null or blank, or params is null
   */
  public Proxy fromName(String name, ProxyFromNameParams params) {
    return Futures.join(fromNameAsync(name, params));
  }

  /** The async form of {@link #fromName(String)}. */
  public CompletableFuture<Proxy> fromNameAsync(String name) {
    return fromNameAsync(name, ProxyFromNameParams.DEFAULT);
  }

  /** The async form of {@link #fromName(String, ProxyFromNameParams)}. */
  public CompletableFuture<Proxy> fromNameAsync(String name, ProxyFromNameParams params) {
    Args.notBlank(name, "name");
    Args.notNull(params, "params");
    ProxyGetRequest request =
        ProxyGetRequest.newBuilder()
            .setName(name)
            .setEnvironmentName(params.environment().orElse(context.environment()))
            .build();
    String notFound = "Proxy '" + name + "' not found";
    try {
      return CallerFutures.hand(
          context,
          Lookups.renameNotFound(
                  context.controlPlane().unary(ModalClientGrpc.getProxyGetMethod(), request),
                  notFound)
              .thenApply(
                  r -> {
                    if (!r.hasProxy() || r.getProxy().getProxyId().isEmpty()) {
                      throw new NotFoundException(notFound);
                    }
                    return Proxy.of(r.getProxy().getProxyId(), name);
                  }));
    } catch (ModalException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public String toString() {
    return "Proxies{}";
  }
}
