package dev.modal4j.images;

import dev.modal4j.proto.RegistryAuthType;
import dev.modal4j.secrets.Secret;

/**
 * How Modal pulls a private registry image: the kind of registry and the secret with its
 * credentials (a secret of this SDK exists on Modal once made, so nothing is created at build).
 *
 * @param type {@code AWS} (ECR), {@code GCP} (Artifact Registry) or {@code STATIC_CREDS}
 * @param secret the credentials
 */
record RegistryAuth(RegistryAuthType type, Secret secret) {}
