package dev.modal4j.environments;

import com.google.protobuf.Empty;
import com.google.protobuf.StringValue;
import dev.modal4j.InvalidException;
import dev.modal4j.ModalException;
import dev.modal4j.NotFoundException;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.CallerFutures;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.proto.EnvironmentCreateRequest;
import dev.modal4j.proto.EnvironmentDeleteRequest;
import dev.modal4j.proto.EnvironmentGetOrCreateRequest;
import dev.modal4j.proto.EnvironmentListItem;
import dev.modal4j.proto.EnvironmentUpdateRequest;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.ObjectCreationType;
import io.grpc.Status;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * Looks up, creates, lists, updates and deletes Environments: {@code
 * modal.environments().fromName("prod")}.
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
    checkName(name, "name");
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

  /**
   * Creates the Environment {@code name} (EnvironmentCreate).
   *
   * @throws dev.modal4j.AlreadyExistsException if it exists
   * @throws InvalidException if the name is not a valid Environment name
   */
  public void create(String name) {
    Futures.join(createAsync(name));
  }

  /** The async form of {@link #create(String)}. */
  public CompletableFuture<Void> createAsync(String name) {
    checkName(name, "name");
    return call(
        ModalClientGrpc.getEnvironmentCreateMethod(),
        EnvironmentCreateRequest.newBuilder().setName(name).build(),
        e -> null);
  }

  /** The workspace's Environments (EnvironmentList), in the server's order. */
  public List<EnvironmentInfo> list() {
    return Futures.join(listAsync());
  }

  /** The async form of {@link #list()}. */
  public CompletableFuture<List<EnvironmentInfo>> listAsync() {
    return call(
        ModalClientGrpc.getEnvironmentListMethod(),
        Empty.getDefaultInstance(),
        r -> r.getItemsList().stream().map(Environments::info).toList());
  }

  /**
   * Deletes the Environment {@code name} and everything in it (EnvironmentDelete).
   *
   * @throws NotFoundException if there is no such Environment
   * @throws InvalidException if the name is not a valid Environment name
   */
  public void delete(String name) {
    Futures.join(deleteAsync(name));
  }

  /** The async form of {@link #delete(String)}. */
  public CompletableFuture<Void> deleteAsync(String name) {
    checkName(name, "name");
    return call(
        ModalClientGrpc.getEnvironmentDeleteMethod(),
        EnvironmentDeleteRequest.newBuilder().setName(name).build(),
        e -> null);
  }

  /**
   * Changes the Environment {@code name} as {@code params} say (EnvironmentUpdate) and returns it
   * as it is now.
   *
   * @throws NotFoundException if there is no such Environment
   * @throws dev.modal4j.AlreadyExistsException if the new name is taken
   * @throws InvalidException if the name is not a valid Environment name, or params is null
   */
  public EnvironmentInfo update(String name, EnvironmentUpdateParams params) {
    return Futures.join(updateAsync(name, params));
  }

  /** The async form of {@link #update(String, EnvironmentUpdateParams)}. */
  public CompletableFuture<EnvironmentInfo> updateAsync(
      String name, EnvironmentUpdateParams params) {
    checkName(name, "name");
    Args.notNull(params, "params");
    EnvironmentUpdateRequest.Builder request =
        EnvironmentUpdateRequest.newBuilder().setCurrentName(name);
    params.newName().ifPresent(n -> request.setName(StringValue.of(n)));
    params.webSuffix().ifPresent(w -> request.setWebSuffix(StringValue.of(w)));
    params.maxConcurrentTasks().ifPresent(request::setMaxConcurrentTasks);
    params.maxConcurrentGpus().ifPresent(request::setMaxConcurrentGpus);
    return call(ModalClientGrpc.getEnvironmentUpdateMethod(), request.build(), Environments::info);
  }

  private <Q, R, T> CompletableFuture<T> call(
      io.grpc.MethodDescriptor<Q, R> method, Q request, java.util.function.Function<R, T> result) {
    try {
      return CallerFutures.hand(
          context, context.controlPlane().unary(method, request).thenApply(result));
    } catch (ModalException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static EnvironmentInfo info(EnvironmentListItem item) {
    double at = item.getCreatedAt();
    long secs = (long) Math.floor(at);
    return new EnvironmentInfo(
        item.getName(),
        item.getEnvironmentId(),
        item.getWebhookSuffix(),
        Instant.ofEpochSecond(secs, (long) ((at - secs) * 1e9)),
        item.getDefault(),
        item.getIsManaged(),
        item.hasMaxConcurrentTasks()
            ? OptionalInt.of(item.getMaxConcurrentTasks())
            : OptionalInt.empty(),
        item.hasMaxConcurrentGpus()
            ? OptionalInt.of(item.getMaxConcurrentGpus())
            : OptionalInt.empty());
  }

  static String checkName(String name, String parameter) {
    Args.notNull(name, parameter);
    if (!NAME.matcher(name).matches() || name.toLowerCase(Locale.ROOT).startsWith("en-")) {
      throw new InvalidException(
          parameter
              + ": Invalid Environment name: '"
              + name
              + "'. Environment names must be 1-64 characters, start with an alphanumeric"
              + " character, contain only alphanumeric characters, dashes, periods, and"
              + " underscores, and cannot start with 'en-'.");
    }
    return name;
  }

  @Override
  public String toString() {
    return "Environments{}";
  }
}
