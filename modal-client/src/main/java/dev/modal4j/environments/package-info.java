/** Environments: {@code modal.environments().fromName("prod", EnvironmentFromNameParams...)}. */
package dev.modal4j.environments;
