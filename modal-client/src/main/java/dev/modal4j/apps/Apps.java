package dev.modal4j.apps;

import dev.modal4j.InvalidException;
import dev.modal4j.ModalClient;
import dev.modal4j.ModalException;
import dev.modal4j.NotFoundException;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.CallerFutures;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.options.Lookups;
import dev.modal4j.proto.AppGetOrCreateRequest;
import dev.modal4j.proto.AppGetOrCreateResponse;
import dev.modal4j.proto.ModalClientGrpc;
import io.grpc.Status;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks up Modal Apps by name. Get it from {@link ModalClient#apps()}.
 *
 * <p>The blocking methods throw the exceptions listed; the {@code Async} methods complete their
 * future exceptionally with the same exceptions, except that bad arguments are refused by both
 * forms with an {@link InvalidException} thrown from the call (see {@link dev.modal4j}).
 */
public final class Apps {
  private static final Logger log = LoggerFactory.getLogger(Apps.class);

  private final ClientContext context;

  /**
   * Used by {@link dev.modal4j.ModalClient}; applications obtain this service from the client.
   *
   * @param context the client's internals
   */
  public Apps(ClientContext context) {
    this.context = Args.notNull(context, "context");
  }

  /**
   * The App named {@code name} in the client's environment.
   *
   * @throws NotFoundException if there is no such App
   * @throws InvalidException if the name is null or blank
   */
  public App fromName(String name) {
    return Futures.join(fromNameAsync(name, AppFromNameParams.DEFAULT));
  }

  /**
   * The App named {@code name}, in the environment of {@code params}, created if missing when
   * {@code params.createIfMissing()}.
   *
   * @throws NotFoundException if there is no such App and it is not to be created
   * @throws InvalidException if the name is null or blank, or {@code params} is null
   */
  public App fromName(String name, AppFromNameParams params) {
    return Futures.join(fromNameAsync(name, params));
  }

  /** Async form of {@link #fromName(String)}. */
  public CompletableFuture<App> fromNameAsync(String name) {
    Args.notBlank(name, "name");
    return fromNameAsync(name, AppFromNameParams.DEFAULT);
  }

  /** Async form of {@link #fromName(String, AppFromNameParams)}. */
  public CompletableFuture<App> fromNameAsync(String name, AppFromNameParams params) {
    Args.notBlank(name, "name");
    Args.notNull(params, "params");
    String environment = params.environment().orElse(context.environment());
    AppGetOrCreateRequest request =
        AppGetOrCreateRequest.newBuilder()
            .setAppName(name)
            .setEnvironmentName(environment)
            .setObjectCreationType(Lookups.creationType(params.createIfMissing()))
            .build();
    CompletableFuture<AppGetOrCreateResponse> rpc;
    try {
      rpc = context.controlPlane().unary(ModalClientGrpc.getAppGetOrCreateMethod(), request);
    } catch (ModalException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<App> result = new CompletableFuture<>();
    Futures.propagateCancel(result, rpc);
    rpc.whenComplete(
        (resp, err) -> {
          if (err == null) {
            log.debug("Found App {} ({})", name, resp.getAppId());
            result.complete(new App(resp.getAppId(), name, environment, context));
          } else if (Futures.unwrap(err) instanceof NotFoundException) {
            result.completeExceptionally(
                new NotFoundException(
                    "App '" + name + "' not found", Futures.unwrap(err), Status.Code.NOT_FOUND));
          } else {
            result.completeExceptionally(Futures.unwrap(err));
          }
        });
    return CallerFutures.hand(context, result);
  }

  /** The Apps of the client's environment (deployed, ephemeral and stopped), as AppList gives. */
  public List<AppSummary> list() {
    return Futures.join(listAsync(AppListParams.DEFAULT));
  }

  /**
   * The Apps of the params' environment (deployed, ephemeral and stopped).
   *
   * @throws NotFoundException if the environment does not exist
   * @throws InvalidException if params is null
   */
  public List<AppSummary> list(AppListParams params) {
    return Futures.join(listAsync(params));
  }

  /**
   * The async form of {@link #list(AppListParams)}.
   *
   * @throws InvalidException if params is null
   */
  public CompletableFuture<List<AppSummary>> listAsync(AppListParams params) {
    Args.notNull(params, "params");
    try {
      return CallerFutures.hand(
          context, AppListing.list(context, params.environment().orElse(context.environment())));
    } catch (ModalException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
