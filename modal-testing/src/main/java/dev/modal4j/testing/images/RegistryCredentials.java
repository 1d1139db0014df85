package dev.modal4j.testing.images;

import dev.modal4j.proto.RegistryAuthType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The keys a registry secret must hold for Modal to pull with it, per auth type: AWS ECR an access
 * key ({@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}) or an OIDC role ({@code
 * AWS_ROLE_ARN}); GCP Artifact Registry {@code SERVICE_ACCOUNT_JSON}; any other private registry
 * {@code REGISTRY_USERNAME} and {@code REGISTRY_PASSWORD}. The message is the emulator's own.
 */
final class RegistryCredentials {
  private RegistryCredentials() {}

  /**
   * Why {@code values} cannot pull {@code tag} with {@code type}, or empty when it can.
   *
   * @param secretId the secret's id, for the message (its values never appear in it)
   */
  static Optional<String> problem(
      RegistryAuthType type, String tag, String secretId, Map<String, String> values) {
    Set<String> keys = values.keySet();
    List<String> missing;
    String registry;
    switch (type) {
      case REGISTRY_AUTH_TYPE_AWS:
        registry = "AWS ECR";
        if (keys.contains("AWS_ROLE_ARN")) {
          return Optional.empty();
        }
        missing = missing(keys, "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
        break;
      case REGISTRY_AUTH_TYPE_GCP:
        registry = "GCP Artifact Registry";
        missing = missing(keys, "SERVICE_ACCOUNT_JSON");
        break;
      case REGISTRY_AUTH_TYPE_STATIC_CREDS:
        registry = "the private registry";
        missing = missing(keys, "REGISTRY_USERNAME", "REGISTRY_PASSWORD");
        break;
      default:
        return Optional.empty();
    }
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "Failed to pull "
            + tag
            + " from "
            + registry
            + ": the registry secret "
            + secretId
            + " is missing "
            + String.join(", ", missing)
            + (type == RegistryAuthType.REGISTRY_AUTH_TYPE_AWS ? " (or AWS_ROLE_ARN)" : "")
            + " (it holds: "
            + String.join(", ", new java.util.TreeSet<>(keys))
            + ")");
  }

  private static List<String> missing(Set<String> keys, String... required) {
    return java.util.Arrays.stream(required).filter(k -> !keys.contains(k)).toList();
  }
}
