package dev.modal4j.testing.sandboxes;

import dev.modal4j.proto.NetworkAccess;
import dev.modal4j.proto.VolumeMount;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A sidecar to start, as TaskContainerCreate (router) and SandboxContainerCreateV2 (control plane)
 * both ask for it.
 *
 * @param name the container's name in the task
 * @param imageId the built image it runs
 * @param args its command; empty: it idles until terminated
 * @param env its variables, the secrets' already merged in
 * @param workdir its working directory, if given
 * @param volumeMounts the volumes it mounts
 * @param networkAccess its outbound network policy, if given
 * @param pty whether its command runs on a pseudo-terminal
 */
public record SidecarRequest(
    String name,
    String imageId,
    List<String> args,
    Map<String, String> env,
    Optional<String> workdir,
    List<VolumeMount> volumeMounts,
    Optional<NetworkAccess> networkAccess,
    boolean pty) {

  /** Copies the collections. */
  public SidecarRequest {
    args = List.copyOf(args);
    env = Map.copyOf(env);
    volumeMounts = List.copyOf(volumeMounts);
  }

  /** The request without the values of its variables (they hold secrets). */
  @Override
  public String toString() {
    return "SidecarRequest[name=" + name + ", imageId=" + imageId + ", args=" + args + "]";
  }
}
