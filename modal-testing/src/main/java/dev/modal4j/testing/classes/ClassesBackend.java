package dev.modal4j.testing.classes;

import dev.modal4j.testing.EmulatorState;
import dev.modal4j.testing.functions.FunctionRegistry;
import dev.modal4j.testing.internal.EmulatorArea;
import io.grpc.ServerServiceDefinition;
import java.util.List;

/**
 * The classes part of the emulator, as one {@link EmulatorArea}: deployed classes, binding
 * (FunctionBindParams), secrets and volumes.
 *
 * <pre>{@code
 * classes.deploy("my-app", EmulatedClass.builder("Model")
 *     .intParameter("size", 1L)
 *     .method("predict", (self, args, kwargs) -> self.parameter("size"))
 *     .build());
 * }</pre>
 */
public final class ClassesBackend implements EmulatorArea {
  private final SecretStore secrets;
  private final VolumeStore volumes;
  private final ProxyStore proxies;
  private final CloudBuckets buckets = new CloudBuckets();
  private final ClassRegistry classes;
  private final List<EmulatorArea> areas;

  /** Creates the backend over the emulator's state and its functions registry. */
  public ClassesBackend(EmulatorState state, FunctionRegistry functions) {
    this.secrets = new SecretStore(state);
    this.volumes = new VolumeStore(state);
    this.proxies = new ProxyStore(state);
    this.classes = new ClassRegistry(state, functions);
    this.areas =
        List.of(
            new ClassesArea(classes, new Bindings(classes, secrets, volumes)),
            new SecretsVolumesArea(secrets, volumes, proxies));
  }

  /** Serves ClassGet, FunctionBindParams and the secrets, volumes and proxies RPCs. */
  @Override
  public void bind(ServerServiceDefinition.Builder service) {
    areas.forEach(a -> a.bind(service));
  }

  /** Deploys {@code cls} into app {@code appName} (default environment). */
  public DeployedClass deploy(String appName, EmulatedClass cls) {
    return classes.deploy("", appName, cls);
  }

  /** The deployed classes. */
  public ClassRegistry registry() {
    return classes;
  }

  /** The workspace's secrets. */
  public SecretStore secrets() {
    return secrets;
  }

  /** The workspace's volumes. */
  public VolumeStore volumes() {
    return volumes;
  }

  /** The cloud buckets sandboxes may mount (each a local directory). */
  public CloudBuckets buckets() {
    return buckets;
  }

  /** The workspace's proxies. */
  public ProxyStore proxies() {
    return proxies;
  }
}
