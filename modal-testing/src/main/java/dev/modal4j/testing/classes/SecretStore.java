package dev.modal4j.testing.classes;

import com.google.protobuf.Empty;
import dev.modal4j.proto.CreationInfo;
import dev.modal4j.proto.ObjectCreationType;
import dev.modal4j.proto.SecretDeleteRequest;
import dev.modal4j.proto.SecretGetOrCreateRequest;
import dev.modal4j.proto.SecretGetOrCreateResponse;
import dev.modal4j.proto.SecretListItem;
import dev.modal4j.proto.SecretListRequest;
import dev.modal4j.proto.SecretListResponse;
import dev.modal4j.proto.SecretMetadata;
import dev.modal4j.testing.EmulatorState;
import io.grpc.Status;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The emulated workspace's secrets: named ones (made by tests with {@link #create}, by fixtures, or
 * by clients with SecretGetOrCreate) and ephemeral ones made from env maps. Serves
 * SecretGetOrCreate (every creation type, required keys checked as Modal does), SecretDelete and
 * SecretList.
 */
public final class SecretStore {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9\\-_.]{1,64}");
  private static final Pattern APP_ID = Pattern.compile("ap-[a-zA-Z0-9]{22}");

  private final EmulatorState state;
  private final NamedObjects<StoredSecret> secrets;

  /** A secret's values and when it was made. */
  private static final class StoredSecret {
    final String name;
    final String environment;
    final Map<String, String> values;
    final double createdAt;
    volatile double lastUsedAt;

    StoredSecret(String name, String environment, Map<String, String> values, double createdAt) {
      this.name = name;
      this.environment = environment;
      this.values = values;
      this.createdAt = createdAt;
    }
  }

  /** Creates an empty store over the emulator's shared state. */
  public SecretStore(EmulatorState state) {
    this.state = state;
    this.secrets = new NamedObjects<>("Secret", state.environments()::name);
    state
        .environments()
        .onDeleted(env -> secrets.named(env).forEach(e -> secrets.delete(e.getKey())));
  }

  /**
   * Creates (or replaces the values of) the named secret in {@code environment} ("" = main) and
   * returns its id.
   */
  public String create(String environment, String name, Map<String, String> values) {
    String env = state.environments().resolve(environment);
    checkName(name);
    Map<String, String> copy = Map.copyOf(values);
    return secrets.getOrCreate(
        env,
        name,
        ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_OVERWRITE_IF_EXISTS,
        () -> state.newId("st"),
        () -> new StoredSecret(name, env, copy, now()),
        old -> new StoredSecret(name, env, copy, old.createdAt));
  }

  /** The values of the secret with this id, if it exists. */
  public Optional<Map<String, String>> values(String secretId) {
    return secrets.byId(secretId).map(s -> s.values);
  }

  /** The id of the named secret in {@code environment} ("" = main), if it exists. */
  public Optional<String> secretId(String environment, String name) {
    String env = state.environments().resolve(environment);
    return secrets.named(env).stream()
        .filter(e -> e.getValue().name.equals(name))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  SecretGetOrCreateResponse getOrCreate(SecretGetOrCreateRequest request) {
    String env = state.environments().resolve(request.getEnvironmentName());
    Map<String, String> values = Map.copyOf(request.getEnvDictMap());
    ObjectCreationType type = request.getObjectCreationType();
    String name = request.getDeploymentName();
    String id;
    if (type == ObjectCreationType.OBJECT_CREATION_TYPE_EPHEMERAL
        || type == ObjectCreationType.OBJECT_CREATION_TYPE_ANONYMOUS_OWNED_BY_APP) {
      if (!name.isEmpty()) {
        throw invalid("An anonymous secret has no name");
      }
      id = secrets.addAnonymous(state.newId("st"), new StoredSecret("", env, values, now()));
    } else {
      if (name.isEmpty()) {
        throw invalid("Secret name is required");
      }
      if (type != ObjectCreationType.OBJECT_CREATION_TYPE_UNSPECIFIED) {
        checkName(name);
      }
      id =
          secrets.getOrCreate(
              env,
              name,
              type,
              () -> state.newId("st"),
              () -> new StoredSecret(name, env, values, now()),
              old -> new StoredSecret(name, env, values, old.createdAt));
    }
    StoredSecret secret = secrets.byId(id).orElseThrow();
    checkRequiredKeys(secret, request.getRequiredKeysList());
    secret.lastUsedAt = now();
    SecretGetOrCreateResponse.Builder response =
        SecretGetOrCreateResponse.newBuilder().setSecretId(id);
    if (!name.isEmpty()) {
      response.setMetadata(metadata(secret));
    }
    return response.build();
  }

  Empty delete(SecretDeleteRequest request) {
    if (request.getSecretId().isEmpty()) {
      throw invalid("secret_id is required");
    }
    secrets.delete(request.getSecretId());
    return Empty.getDefaultInstance();
  }

  SecretListResponse list(SecretListRequest request) {
    String env = state.environments().resolve(request.getEnvironmentName());
    String envName = state.environments().name(env);
    int max = request.getPagination().getMaxObjects();
    double before = request.getPagination().getCreatedBefore();
    List<SecretListItem> items =
        secrets.named(env).stream()
            .filter(e -> before <= 0 || e.getValue().createdAt < before)
            .sorted(
                Comparator.comparingDouble(
                        (Map.Entry<String, StoredSecret> e) -> e.getValue().createdAt)
                    .reversed())
            .limit(max > 0 ? max : Long.MAX_VALUE)
            .map(
                e ->
                    SecretListItem.newBuilder()
                        .setLabel(e.getValue().name)
                        .setSecretId(e.getKey())
                        .setEnvironmentName(envName)
                        .setCreatedAt(e.getValue().createdAt)
                        .setLastUsedAt(e.getValue().lastUsedAt)
                        .setMetadata(metadata(e.getValue()))
                        .build())
            .collect(Collectors.toList());
    return SecretListResponse.newBuilder().addAllItems(items).setEnvironmentName(envName).build();
  }

  private static SecretMetadata metadata(StoredSecret s) {
    return SecretMetadata.newBuilder()
        .setName(s.name)
        .setCreationInfo(CreationInfo.newBuilder().setCreatedAt(s.createdAt))
        .build();
  }

  private static void checkRequiredKeys(StoredSecret secret, List<String> required) {
    List<String> missing =
        required.stream().filter(k -> !secret.values.containsKey(k)).collect(Collectors.toList());
    if (!missing.isEmpty()) {
      throw Status.FAILED_PRECONDITION
          .withDescription("Secret is missing key(s): " + String.join(", ", missing))
          .asRuntimeException();
    }
  }

  private static void checkName(String name) {
    if (!NAME.matcher(name).matches() || APP_ID.matcher(name).matches()) {
      throw invalid(
          "Invalid Secret name: '"
              + name
              + "'. Names may contain only alphanumeric characters, dashes, periods, and"
              + " underscores, and must be shorter than 64 characters.");
    }
  }

  private double now() {
    return state.clock().millis() / 1000.0;
  }

  private static RuntimeException invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
  }
}
