package dev.modal4j.environments;

import dev.modal4j.InvalidException;
import dev.modal4j.ModalException;
import dev.modal4j.NotFoundException;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.CallerFutures;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.proto.EnvironmentGetOrCreateRequest;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.ObjectCreationType;
import io.grpc.Status;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * Looks up (or creates) Environments: {@code modal.environments().fromName("prod")}.
 *
 * <p>Environment names are 1-64 characters, start with a letter or digit, contain only letters,
 * digits, dashes, periods and underscores, and do not start with {@code en-}.
 */
public final class Environments {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}");

  private final ClientContext context;

  /**
   * Used by {@link dev.modal4j.ModalClient}; applications obtain this service from the client.
   *
   * @param context the client's internals
   */
  public Environments(ClientContext context) {
    this.context = Args.notNull(context, "context");
  }

  /**
   * Looks up the Environment {@code name}.
   *
   * @throws NotFoundException if there is no such Environment
   * @throws InvalidException if the name is not a valid Environment name
   */
  public Environment fromName(String name) {
    return fromName(name, EnvironmentFromNameParams.DEFAULT);
  }

  /**
   * Looks up the Environment {@code name}, creating it if the params say so.
   *
   * @throws NotFoundException if there is no such Environment and it is not to be created
   * @throws InvalidException if the name is not a valid Environment name
   */
  public Environment fromName(String name, EnvironmentFromNameParams params) {
    return Futures.join(fromNameAsync(name, params));
  }

  /** The async form of {@link #fromName(String)}. */
  public CompletableFuture<Environment> fromNameAsync(String name) {
    return fromNameAsync(name, EnvironmentFromNameParams.DEFAULT);
  }

  /** The async form of {@link #fromName(String, EnvironmentFromNameParams)}. */
  public CompletableFuture<Environment> fromNameAsync(
      String name, EnvironmentFromNameParams params) {
    checkName(name);
    Args.notNull(params, "params");
    EnvironmentGetOrCreateRequest request =
        EnvironmentGetOrCreateRequest.newBuilder()
            .setDeploymentName(name)
            .setObjectCreationType(
                params.createIfMissing()
                    ? ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_IF_MISSING
                    : ObjectCreationType.OBJECT_CREATION_TYPE_UNSPECIFIED)
            .build();
    CompletableFuture<Environment> lookup =
        context
            .controlPlane()
            .unary(ModalClientGrpc.getEnvironmentGetOrCreateMethod(), request)
            .handle(
                (r, err) -> {
                  if (err != null) {
                    Throwable cause = Futures.unwrap(err);
                    if (cause instanceof NotFoundException) {
                      throw new NotFoundException(
                          "Environment '" + name + "' not found", cause, Status.Code.NOT_FOUND);
                    }
                    throw cause instanceof RuntimeException
                        ? (RuntimeException) cause
                        : new ModalException(String.valueOf(cause), cause);
                  }
                  String resolved =
                      r.hasMetadata() && !r.getMetadata().getName().isEmpty()
                          ? r.getMetadata().getName()
                          : name;
                  return new Environment(r.getEnvironmentId(), resolved);
                });
    return CallerFutures.hand(context, lookup);
  }

  private static void checkName(String name) {
    Args.notNull(name, "name");
    if (!NAME.matcher(name).matches() || name.toLowerCase(Locale.ROOT).startsWith("en-")) {
      throw new InvalidException(
          "Invalid Environment name: '"
              + name
              + "'. Environment names must be 1-64 characters, start with an alphanumeric"
              + " character, contain only alphanumeric characters, dashes, periods, and"
              + " underscores, and cannot start with 'en-'.");
    }
  }

  @Override
  public String toString() {
    return "Environments{}";
  }
}
