package dev.modal4j.environments;

import dev.modal4j.internal.Args;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * One Environment of the workspace, as {@link Environments#list()} and {@link
 * Environments#update(String, EnvironmentUpdateParams)} report it.
 *
 * @param name the Environment's name
 * @param environmentId its id ({@code en-...})
 * @param webhookSuffix the suffix of its web endpoints' URLs
 * @param createdAt when it was created
 * @param isDefault whether it is the workspace's default Environment
 * @param managed whether Modal manages it
 * @param maxConcurrentTasks its limit of concurrent containers, if it has one
 * @param maxConcurrentGpus its limit of concurrent GPUs, if it has one
 */
public record EnvironmentInfo(
    String name,
    String environmentId,
    String webhookSuffix,
    Instant createdAt,
    boolean isDefault,
    boolean managed,
    OptionalInt maxConcurrentTasks,
    OptionalInt maxConcurrentGpus) {
  /** Checks that nothing is null. */
  public EnvironmentInfo {
    Args.notNull(name, "name");
    Args.notNull(environmentId, "environmentId");
    Args.notNull(webhookSuffix, "webhookSuffix");
    Args.notNull(createdAt, "createdAt");
    Args.notNull(maxConcurrentTasks, "maxConcurrentTasks");
    Args.notNull(maxConcurrentGpus, "maxConcurrentGpus");
  }
}
