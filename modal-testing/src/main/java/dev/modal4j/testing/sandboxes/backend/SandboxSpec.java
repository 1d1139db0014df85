package dev.modal4j.testing.sandboxes.backend;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a backend starts a sandbox from, already resolved by the emulator (secrets merged into
 * {@code env}, volumes turned into host directories).
 *
 * @param sandboxId the sandbox's {@code sb-} id, for names, labels and messages
 * @param image the image reference to run (a registry tag such as {@code alpine:3.21}); a backend
 *     that cannot run it as such uses its base image and says so in its log
 * @param entrypoint the command to run as the main process; empty: idle until terminated
 * @param env environment variables of the main process and of every exec
 * @param workdir the working directory of the main process and the default for execs
 * @param milliCpu CPU request in thousandths of a core, 0 when not given
 * @param milliCpuMax CPU limit in thousandths of a core, 0 when not given
 * @param memoryMb memory request in MiB, 0 when not given
 * @param memoryMbMax memory limit in MiB, 0 when not given
 * @param mounts host directories to mount (volumes)
 * @param blockNetwork whether the sandbox has no network at all
 * @param openPorts container ports to publish on the host's loopback interface
 * @param pty whether the entrypoint runs on a pseudo-terminal
 * @param imageLayers the layers the image adds over {@code image}, oldest first (a container
 *     backend builds them; empty: run {@code image} as it is)
 */
public record SandboxSpec(
    String sandboxId,
    String image,
    List<String> entrypoint,
    Map<String, String> env,
    Optional<String> workdir,
    int milliCpu,
    int milliCpuMax,
    int memoryMb,
    int memoryMbMax,
    List<MountSpec> mounts,
    boolean blockNetwork,
    List<Integer> openPorts,
    boolean pty,
    List<ImageLayer> imageLayers) {

  /** Copies the collections, so a spec never changes after it is made. */
  public SandboxSpec {
    imageLayers = List.copyOf(imageLayers);
    entrypoint = List.copyOf(entrypoint);
    env = Map.copyOf(env);
    mounts = List.copyOf(mounts);
    openPorts = List.copyOf(openPorts);
  }

  /** The spec without the values of its variables (they hold secrets). */
  @Override
  public String toString() {
    return "SandboxSpec[sandboxId="
        + sandboxId
        + ", image="
        + image
        + ", entrypoint="
        + entrypoint
        + ", env="
        + env.keySet()
        + ", workdir="
        + workdir
        + ", mounts="
        + mounts
        + ", blockNetwork="
        + blockNetwork
        + ", openPorts="
        + openPorts
        + ", pty="
        + pty
        + ", imageLayers="
        + imageLayers
        + "]";
  }

  /** A spec of an image used as it is, without commands of its own. */
  public SandboxSpec(
      String sandboxId,
      String image,
      List<String> entrypoint,
      Map<String, String> env,
      Optional<String> workdir,
      int milliCpu,
      int milliCpuMax,
      int memoryMb,
      int memoryMbMax,
      List<MountSpec> mounts,
      boolean blockNetwork,
      List<Integer> openPorts,
      boolean pty) {
    this(
        sandboxId,
        image,
        entrypoint,
        env,
        workdir,
        milliCpu,
        milliCpuMax,
        memoryMb,
        memoryMbMax,
        mounts,
        blockNetwork,
        openPorts,
        pty,
        List.of());
  }
}
