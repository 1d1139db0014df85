package dev.modal4j.testing.classes;

import dev.modal4j.proto.ObjectCreationType;
import dev.modal4j.proto.SecretGetOrCreateRequest;
import dev.modal4j.proto.SecretGetOrCreateResponse;
import dev.modal4j.proto.SecretMetadata;
import dev.modal4j.testing.EmulatorState;
import io.grpc.Status;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The emulated workspace's secrets: named ones (made by tests with {@link #create}, or by clients
 * with SecretGetOrCreate) and ephemeral ones made from env maps.
 */
public final class SecretStore {
  private final EmulatorState state;
  private final NamedObjects<Map<String, String>> secrets = new NamedObjects<>("Secret");

  /** Creates an empty store over the emulator's shared state. */
  public SecretStore(EmulatorState state) {
    this.state = state;
  }

  /**
   * Creates (or replaces) the named secret in {@code environment} ("" = main) and returns its id.
   */
  public String create(String environment, String name, Map<String, String> values) {
    String env = state.environments().resolve(environment);
    Map<String, String> copy = Map.copyOf(values);
    return secrets.getOrCreate(
        env,
        name,
        ObjectCreationType.OBJECT_CREATION_TYPE_CREATE_OVERWRITE_IF_EXISTS,
        () -> state.newId("st"),
        () -> copy);
  }

  /** The values of the secret with this id, if it exists. */
  public Optional<Map<String, String>> values(String secretId) {
    return secrets.byId(secretId);
  }

  SecretGetOrCreateResponse getOrCreate(SecretGetOrCreateRequest request) {
    String env = state.environments().resolve(request.getEnvironmentName());
    Map<String, String> values = Map.copyOf(request.getEnvDictMap());
    String id;
    if (request.getObjectCreationType() == ObjectCreationType.OBJECT_CREATION_TYPE_EPHEMERAL) {
      id = secrets.addAnonymous(state.newId("st"), values);
    } else {
      if (request.getDeploymentName().isEmpty()) {
        throw Status.INVALID_ARGUMENT
            .withDescription("Secret name is required")
            .asRuntimeException();
      }
      id =
          secrets.getOrCreate(
              env,
              request.getDeploymentName(),
              request.getObjectCreationType(),
              () -> state.newId("st"),
              () -> values);
    }
    checkRequiredKeys(request.getDeploymentName(), id, request.getRequiredKeysList());
    SecretGetOrCreateResponse.Builder response =
        SecretGetOrCreateResponse.newBuilder().setSecretId(id);
    if (!request.getDeploymentName().isEmpty()) {
      response.setMetadata(SecretMetadata.newBuilder().setName(request.getDeploymentName()));
    }
    return response.build();
  }

  private void checkRequiredKeys(String name, String id, List<String> required) {
    Map<String, String> values = secrets.byId(id).orElse(Map.of());
    List<String> missing =
        required.stream().filter(k -> !values.containsKey(k)).collect(Collectors.toList());
    if (!missing.isEmpty()) {
      throw Status.NOT_FOUND
          .withDescription("Secret '" + name + "' is missing required keys: " + missing)
          .asRuntimeException();
    }
  }
}
