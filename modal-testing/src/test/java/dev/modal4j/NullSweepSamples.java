package dev.modal4j;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.modal4j.apps.App;
import dev.modal4j.apps.AppFromNameParams;
import dev.modal4j.dicts.Dict;
import dev.modal4j.dicts.DictDeleteParams;
import dev.modal4j.dicts.DictEphemeralParams;
import dev.modal4j.dicts.DictFromNameParams;
import dev.modal4j.dicts.DictPutParams;
import dev.modal4j.functions.AutoscalerSettings;
import dev.modal4j.functions.Cls;
import dev.modal4j.functions.ClsFromNameParams;
import dev.modal4j.functions.ClsInstance;
import dev.modal4j.functions.ClsOptions;
import dev.modal4j.functions.ConfiguredFunction;
import dev.modal4j.functions.ContainerOptions;
import dev.modal4j.functions.Function;
import dev.modal4j.functions.FunctionCall;
import dev.modal4j.functions.FunctionFromNameParams;
import dev.modal4j.functions.FunctionOptions;
import dev.modal4j.functions.FunctionStats;
import dev.modal4j.functions.InputInfo;
import dev.modal4j.functions.InputStatus;
import dev.modal4j.functions.MapParams;
import dev.modal4j.functions.MapProgress;
import dev.modal4j.functions.MapProgressListener;
import dev.modal4j.functions.MapResult;
import dev.modal4j.functions.UpdateAutoscalerParams;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.queues.Queue;
import dev.modal4j.queues.QueueClearParams;
import dev.modal4j.queues.QueueDeleteParams;
import dev.modal4j.queues.QueueEphemeralParams;
import dev.modal4j.queues.QueueFromNameParams;
import dev.modal4j.queues.QueueGetParams;
import dev.modal4j.queues.QueueIterateParams;
import dev.modal4j.queues.QueueLenParams;
import dev.modal4j.queues.QueuePutParams;
import dev.modal4j.secrets.Secret;
import dev.modal4j.secrets.SecretFromNameParams;
import dev.modal4j.volumes.Volume;
import dev.modal4j.volumes.VolumeFromNameParams;
import io.grpc.Channel;
import io.grpc.ClientInterceptor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Valid values, by declared (erased) type, for the null sweep: the arguments placed beside the null
 * one, and the receivers of instance methods. Mutable values (builders, iterators, streams) are
 * made afresh for every call. Handles that need a lookup are made once, before the sweep, so the
 * sweep itself sends nothing. A type missing here fails the sweep with its name: add a sample.
 * {@link #close()} deletes the queue and dict made for it.
 */
final class NullSweepSamples implements AutoCloseable {
  private final Map<Class<?>, Supplier<?>> samples = new HashMap<>();
  private static final String QUEUE = "null-sweep-queue";
  private static final String DICT = "null-sweep-dict";

  private final ModalClient modal;
  private final Queue queue;
  private final Dict dict;

  NullSweepSamples(ModalClient modal, Channel channel) {
    Function square = modal.functions().fromName("modal4j-demo", "square");
    FunctionCall<Integer> call = square.spawn(Integer.class, 3);
    call.get(Duration.ofSeconds(10));
    Cls greeter = modal.cls().fromName("modal4j-demo", "Greeter");
    ClsInstance instance = greeter.instance();
    App app = modal.apps().fromName("modal4j-demo");
    ClientContext context = modal.context();
    // named rather than ephemeral: an ephemeral one's first heartbeat could land during the sweep
    queue =
        modal.queues().fromName(QUEUE, QueueFromNameParams.builder().createIfMissing(true).build());
    dict = modal.dicts().fromName(DICT, DictFromNameParams.builder().createIfMissing(true).build());
    this.modal = modal;

    fixed(String.class, "x");
    fixed(Object.class, "x");
    fixed(Object[].class, new Object[] {1});
    fixed(String[].class, new String[] {"K"});
    fixed(Class.class, Integer.class);
    fixed(TypeReference.class, new TypeReference<Integer>() {});
    fixed(Duration.class, Duration.ofSeconds(1));
    fixed(Path.class, Path.of("target", "no-home"));
    fixed(List.class, List.of());
    fixed(Map.class, Map.of());
    fixed(Iterable.class, List.of());
    fresh(Iterator.class, () -> List.of().iterator());
    fresh(Stream.class, Stream::of);
    fixed(Consumer.class, (Consumer<Object>) x -> {});
    fixed(Channel.class, channel);
    fixed(ClientInterceptor[].class, new ClientInterceptor[0]);
    fixed(
        java.util.function.Function.class,
        (java.util.function.Function<String, Channel>) u -> channel);
    fixed(ClientContext.class, context);

    fixed(ModalClient.class, modal);
    fresh(ModalClient.Builder.class, ModalClient::builder);
    fixed(Gpu.class, Gpu.T4);
    fixed(Retries.class, Retries.fixedInterval(1));
    fresh(Retries.Builder.class, () -> Retries.builder(1));
    fixed(ModalException.class, new ModalException("sample"));

    fixed(dev.modal4j.apps.Apps.class, modal.apps());
    fixed(App.class, app);
    fixed(AppFromNameParams.class, AppFromNameParams.DEFAULT);
    fresh(AppFromNameParams.Builder.class, AppFromNameParams::builder);

    fixed(dev.modal4j.functions.Functions.class, modal.functions());
    fixed(dev.modal4j.functions.FunctionCalls.class, modal.functionCalls());
    fixed(dev.modal4j.functions.ClsService.class, modal.cls());
    fixed(Function.class, square);
    fixed(FunctionCall.class, call);
    fixed(Cls.class, greeter);
    fixed(ClsInstance.class, instance);
    fixed(ConfiguredFunction.class, square.withConcurrency(2));
    fixed(FunctionFromNameParams.class, FunctionFromNameParams.DEFAULT);
    fresh(FunctionFromNameParams.Builder.class, FunctionFromNameParams::builder);
    fixed(ClsFromNameParams.class, ClsFromNameParams.DEFAULT);
    fresh(ClsFromNameParams.Builder.class, ClsFromNameParams::builder);
    fixed(ClsOptions.class, ClsOptions.NONE);
    fresh(ClsOptions.Builder.class, ClsOptions::builder);
    fixed(FunctionOptions.class, FunctionOptions.NONE);
    fresh(FunctionOptions.Builder.class, FunctionOptions::builder);
    fixed(ContainerOptions.class, ClsOptions.NONE);
    fresh(ContainerOptions.Builder.class, ClsOptions::builder);
    fixed(MapParams.class, MapParams.DEFAULT);
    fresh(MapParams.Builder.class, MapParams::builder);
    fixed(MapProgressListener.class, (MapProgressListener) p -> {});
    fixed(MapResult.class, MapResult.success(0, 1));
    fixed(UpdateAutoscalerParams.class, UpdateAutoscalerParams.builder().build());
    fresh(UpdateAutoscalerParams.Builder.class, UpdateAutoscalerParams::builder);
    fixed(InputStatus.class, InputStatus.SUCCESS);
    fixed(
        InputInfo.class,
        new InputInfo("in-1", "fc-1", "", InputStatus.SUCCESS, "square", "demo", List.of()));
    fixed(MapProgress.class, new MapProgress(0, 0, 0, 0, false));
    fixed(FunctionStats.class, new FunctionStats(0, 0));
    fixed(dev.modal4j.logs.Logs.class, square.logs());
    fixed(dev.modal4j.logs.LogSource.class, dev.modal4j.logs.LogSource.STDOUT);
    fixed(
        dev.modal4j.logs.LogEntry.class,
        new dev.modal4j.logs.LogEntry(
            "x", dev.modal4j.logs.LogSource.STDOUT, java.time.Instant.EPOCH, "fu-x", List.of()));
    fixed(java.time.Instant.class, java.time.Instant.EPOCH);
    fixed(dev.modal4j.logs.LogsFetchParams.class, dev.modal4j.logs.LogsFetchParams.DEFAULT);
    fresh(
        dev.modal4j.logs.LogsFetchParams.Builder.class, dev.modal4j.logs.LogsFetchParams::builder);
    fixed(dev.modal4j.logs.LogsTailParams.class, dev.modal4j.logs.LogsTailParams.DEFAULT);
    fresh(dev.modal4j.logs.LogsTailParams.Builder.class, dev.modal4j.logs.LogsTailParams::builder);
    fixed(dev.modal4j.logs.LogsStreamParams.class, dev.modal4j.logs.LogsStreamParams.DEFAULT);
    fresh(
        dev.modal4j.logs.LogsStreamParams.Builder.class,
        dev.modal4j.logs.LogsStreamParams::builder);
    fixed(AutoscalerSettings.class, new AutoscalerSettings(1, 2, 0, Duration.ofSeconds(60)));

    fixed(dev.modal4j.secrets.Secrets.class, modal.secrets());
    fixed(Secret.class, Secret.fromId("st-sample"));
    fixed(Secret[].class, new Secret[] {Secret.fromId("st-sample")});
    fixed(SecretFromNameParams.class, SecretFromNameParams.DEFAULT);
    fresh(SecretFromNameParams.Builder.class, SecretFromNameParams::builder);
    fixed(dev.modal4j.volumes.Volumes.class, modal.volumes());
    fixed(Volume.class, Volume.fromId("vo-sample"));
    fixed(
        dev.modal4j.volumes.VolumeUpload.class, modal.volumes().fromId("vo-sample").batchUpload());
    fixed(dev.modal4j.volumes.VolumeEntry.class, dev.modal4j.volumes.VolumeSamples.entry());
    fixed(dev.modal4j.volumes.ListFilesParams.class, dev.modal4j.volumes.ListFilesParams.DEFAULT);
    fresh(
        dev.modal4j.volumes.ListFilesParams.Builder.class,
        dev.modal4j.volumes.ListFilesParams::builder);
    fixed(dev.modal4j.volumes.ReadFileParams.class, dev.modal4j.volumes.ReadFileParams.DEFAULT);
    fresh(
        dev.modal4j.volumes.ReadFileParams.Builder.class,
        dev.modal4j.volumes.ReadFileParams::builder);
    fixed(VolumeFromNameParams.class, VolumeFromNameParams.DEFAULT);
    fresh(VolumeFromNameParams.Builder.class, VolumeFromNameParams::builder);
    fixed(
        dev.modal4j.volumes.VolumeEphemeralParams.class,
        dev.modal4j.volumes.VolumeEphemeralParams.DEFAULT);
    fresh(
        dev.modal4j.volumes.VolumeEphemeralParams.Builder.class,
        dev.modal4j.volumes.VolumeEphemeralParams::builder);
    fixed(
        dev.modal4j.volumes.VolumeDeleteParams.class,
        dev.modal4j.volumes.VolumeDeleteParams.DEFAULT);
    fresh(
        dev.modal4j.volumes.VolumeDeleteParams.Builder.class,
        dev.modal4j.volumes.VolumeDeleteParams::builder);
    fixed(dev.modal4j.volumes.VolumeListParams.class, dev.modal4j.volumes.VolumeListParams.DEFAULT);
    fresh(
        dev.modal4j.volumes.VolumeListParams.Builder.class,
        dev.modal4j.volumes.VolumeListParams::builder);
    fixed(
        dev.modal4j.volumes.VolumeMountOptions.class,
        dev.modal4j.volumes.VolumeMountOptions.builder().build());
    fresh(
        dev.modal4j.volumes.VolumeMountOptions.Builder.class,
        dev.modal4j.volumes.VolumeMountOptions::builder);
    fixed(
        dev.modal4j.secrets.SecretDeleteParams.class,
        dev.modal4j.secrets.SecretDeleteParams.DEFAULT);
    fresh(
        dev.modal4j.secrets.SecretDeleteParams.Builder.class,
        dev.modal4j.secrets.SecretDeleteParams::builder);
    fixed(dev.modal4j.secrets.SecretListParams.class, dev.modal4j.secrets.SecretListParams.DEFAULT);
    fresh(
        dev.modal4j.secrets.SecretListParams.Builder.class,
        dev.modal4j.secrets.SecretListParams::builder);
    fixed(
        dev.modal4j.secrets.SecretCreateParams.class,
        dev.modal4j.secrets.SecretCreateParams.DEFAULT);
    fresh(
        dev.modal4j.secrets.SecretCreateParams.Builder.class,
        dev.modal4j.secrets.SecretCreateParams::builder);

    fixed(dev.modal4j.images.Images.class, modal.images());
    fixed(dev.modal4j.images.Image.class, modal.images().fromRegistry("alpine:3.21"));
    fixed(dev.modal4j.images.DockerfileParams.class, dev.modal4j.images.DockerfileParams.DEFAULT);
    fresh(
        dev.modal4j.images.DockerfileParams.Builder.class,
        dev.modal4j.images.DockerfileParams::builder);
    fixed(dev.modal4j.images.ImageBuildListener.class, dev.modal4j.images.ImageBuildListener.NONE);
    fixed(
        dev.modal4j.images.ImageFromNameParams.class,
        dev.modal4j.images.ImageFromNameParams.DEFAULT);
    fresh(
        dev.modal4j.images.ImageFromNameParams.Builder.class,
        dev.modal4j.images.ImageFromNameParams::builder);
    fixed(
        dev.modal4j.images.ImagePublishParams.class, dev.modal4j.images.ImagePublishParams.DEFAULT);
    fresh(
        dev.modal4j.images.ImagePublishParams.Builder.class,
        dev.modal4j.images.ImagePublishParams::builder);
    fixed(dev.modal4j.sandboxes.Sandboxes.class, modal.sandboxes());
    fixed(dev.modal4j.sandboxes.Sandbox.class, modal.sandboxes().fromId("sb-null-sweep"));
    fixed(
        dev.modal4j.sandboxes.SandboxCreateParams.class,
        dev.modal4j.sandboxes.SandboxCreateParams.DEFAULT);
    fresh(
        dev.modal4j.sandboxes.SandboxCreateParams.Builder.class,
        dev.modal4j.sandboxes.SandboxCreateParams::builder);
    fixed(dev.modal4j.sandboxes.ExecParams.class, dev.modal4j.sandboxes.ExecParams.DEFAULT);
    fresh(
        dev.modal4j.sandboxes.ExecParams.Builder.class, dev.modal4j.sandboxes.ExecParams::builder);
    fixed(
        dev.modal4j.sandboxes.SandboxFromNameParams.class,
        dev.modal4j.sandboxes.SandboxFromNameParams.DEFAULT);
    fresh(
        dev.modal4j.sandboxes.SandboxFromNameParams.Builder.class,
        dev.modal4j.sandboxes.SandboxFromNameParams::builder);
    fixed(
        dev.modal4j.sandboxes.SandboxListParams.class,
        dev.modal4j.sandboxes.SandboxListParams.DEFAULT);
    fresh(
        dev.modal4j.sandboxes.SandboxListParams.Builder.class,
        dev.modal4j.sandboxes.SandboxListParams::builder);
    fixed(
        dev.modal4j.sandboxes.ConnectTokenParams.class,
        dev.modal4j.sandboxes.ConnectTokenParams.DEFAULT);
    fresh(
        dev.modal4j.sandboxes.ConnectTokenParams.Builder.class,
        dev.modal4j.sandboxes.ConnectTokenParams::builder);
    fixed(
        dev.modal4j.sandboxes.CloudBucketMount.class,
        dev.modal4j.sandboxes.CloudBucketMount.builder("bucket").build());
    fresh(
        dev.modal4j.sandboxes.CloudBucketMount.Builder.class,
        () -> dev.modal4j.sandboxes.CloudBucketMount.builder("bucket"));
    fixed(
        dev.modal4j.sandboxes.NetworkPolicyParams.class,
        dev.modal4j.sandboxes.NetworkPolicyParams.builder()
            .outboundCidrAllowlist(java.util.List.of())
            .outboundDomainAllowlist(java.util.List.of())
            .build());
    fresh(
        dev.modal4j.sandboxes.NetworkPolicyParams.Builder.class,
        dev.modal4j.sandboxes.NetworkPolicyParams::builder);
    fixed(
        dev.modal4j.sandboxes.ResourceUsage.class,
        new dev.modal4j.sandboxes.ResourceUsage(1, 2, 0, java.util.Optional.empty()));
    fixed(javax.net.ssl.SSLContext.class, sslContext());
    snapshotSamples(modal);
    fixed(dev.modal4j.sandboxes.Probe.class, dev.modal4j.sandboxes.Probe.tcp(8080));
    fixed(dev.modal4j.sandboxes.Tunnel.class, dev.modal4j.sandboxes.SandboxSamples.tunnel());
    fixed(
        dev.modal4j.sandboxes.ConnectCredentials.class,
        dev.modal4j.sandboxes.SandboxSamples.credentials());
    fresh(
        dev.modal4j.sandboxes.SandboxInputStream.class,
        dev.modal4j.sandboxes.SandboxSamples::emptyStream);
    fixed(
        dev.modal4j.sandboxes.SidecarService.class,
        modal.sandboxes().fromId("sb-null-sweep").experimentalSidecars());
    fixed(
        dev.modal4j.sandboxes.SidecarContainer.class,
        dev.modal4j.sandboxes.SandboxSamples.sidecar(modal.sandboxes().fromId("sb-null-sweep")));
    fixed(
        dev.modal4j.sandboxes.SidecarCreateParams.class,
        dev.modal4j.sandboxes.SidecarCreateParams.DEFAULT);
    fresh(
        dev.modal4j.sandboxes.SidecarCreateParams.Builder.class,
        dev.modal4j.sandboxes.SidecarCreateParams::builder);
    fixed(
        dev.modal4j.sandboxes.SidecarGetParams.class,
        dev.modal4j.sandboxes.SidecarGetParams.DEFAULT);
    fresh(
        dev.modal4j.sandboxes.SidecarGetParams.Builder.class,
        dev.modal4j.sandboxes.SidecarGetParams::builder);
    fixed(
        dev.modal4j.sandboxes.SidecarListParams.class,
        dev.modal4j.sandboxes.SidecarListParams.DEFAULT);
    fresh(
        dev.modal4j.sandboxes.SidecarListParams.Builder.class,
        dev.modal4j.sandboxes.SidecarListParams::builder);
    fixed(dev.modal4j.sandboxes.StdioMode.class, dev.modal4j.sandboxes.StdioMode.PIPE);
    fixed(
        dev.modal4j.sandboxes.SandboxFilesystem.class,
        modal.sandboxes().fromId("sb-null-sweep").filesystem());
    fixed(dev.modal4j.sandboxes.WatchParams.class, dev.modal4j.sandboxes.WatchParams.DEFAULT);
    fresh(
        dev.modal4j.sandboxes.WatchParams.Builder.class,
        dev.modal4j.sandboxes.WatchParams::builder);
    fixed(dev.modal4j.sandboxes.FileInfo.class, dev.modal4j.sandboxes.FilesystemSamples.fileInfo());
    fixed(
        dev.modal4j.sandboxes.FileWatchEvent.class,
        dev.modal4j.sandboxes.FilesystemSamples.event());
    fixed(dev.modal4j.sandboxes.FileType.class, dev.modal4j.sandboxes.FileType.FILE);
    fixed(
        dev.modal4j.sandboxes.FileWatchEventType.class,
        dev.modal4j.sandboxes.FileWatchEventType.CREATE);
    fixed(java.util.Set.class, java.util.Set.of());
    fixed(byte[].class, new byte[0]);
    fresh(java.io.InputStream.class, () -> new java.io.ByteArrayInputStream(new byte[0]));
    fixed(dev.modal4j.sandboxes.StreamMode.class, dev.modal4j.sandboxes.StreamMode.TEXT);

    fixed(PyTuple.class, PyTuple.of(1, "two"));
    fixed(dev.modal4j.queues.Queues.class, modal.queues());
    fixed(Queue.class, queue);
    fixed(QueueClearParams.class, QueueClearParams.DEFAULT);
    fresh(QueueClearParams.Builder.class, QueueClearParams::builder);
    fixed(QueueDeleteParams.class, QueueDeleteParams.DEFAULT);
    fresh(QueueDeleteParams.Builder.class, QueueDeleteParams::builder);
    fixed(QueueEphemeralParams.class, QueueEphemeralParams.DEFAULT);
    fresh(QueueEphemeralParams.Builder.class, QueueEphemeralParams::builder);
    fixed(QueueFromNameParams.class, QueueFromNameParams.DEFAULT);
    fresh(QueueFromNameParams.Builder.class, QueueFromNameParams::builder);
    fixed(QueueGetParams.class, QueueGetParams.DEFAULT);
    fresh(QueueGetParams.Builder.class, QueueGetParams::builder);
    fixed(QueueIterateParams.class, QueueIterateParams.DEFAULT);
    fresh(QueueIterateParams.Builder.class, QueueIterateParams::builder);
    fixed(QueueLenParams.class, QueueLenParams.DEFAULT);
    fresh(QueueLenParams.Builder.class, QueueLenParams::builder);
    fixed(QueuePutParams.class, QueuePutParams.DEFAULT);
    fresh(QueuePutParams.Builder.class, QueuePutParams::builder);
    fixed(dev.modal4j.dicts.Dicts.class, modal.dicts());
    fixed(Dict.class, dict);
    fixed(DictDeleteParams.class, DictDeleteParams.DEFAULT);
    fresh(DictDeleteParams.Builder.class, DictDeleteParams::builder);
    fixed(DictEphemeralParams.class, DictEphemeralParams.DEFAULT);
    fresh(DictEphemeralParams.Builder.class, DictEphemeralParams::builder);
    fixed(DictFromNameParams.class, DictFromNameParams.DEFAULT);
    fresh(DictFromNameParams.Builder.class, DictFromNameParams::builder);
    fixed(DictPutParams.class, DictPutParams.DEFAULT);
    fresh(DictPutParams.Builder.class, DictPutParams::builder);
    fixed(dev.modal4j.dicts.DictListParams.class, dev.modal4j.dicts.DictListParams.DEFAULT);
    fresh(
        dev.modal4j.dicts.DictListParams.Builder.class, dev.modal4j.dicts.DictListParams::builder);
    fixed(dev.modal4j.queues.QueueListParams.class, dev.modal4j.queues.QueueListParams.DEFAULT);
    fresh(
        dev.modal4j.queues.QueueListParams.Builder.class,
        dev.modal4j.queues.QueueListParams::builder);
    fixed(dev.modal4j.apps.AppListParams.class, dev.modal4j.apps.AppListParams.DEFAULT);
    fresh(dev.modal4j.apps.AppListParams.Builder.class, dev.modal4j.apps.AppListParams::builder);
    fixed(
        dev.modal4j.apps.AppSummary.class,
        new dev.modal4j.apps.AppSummary(
            "ap-sample",
            "sample",
            "sample",
            dev.modal4j.apps.AppState.DEPLOYED,
            java.time.Instant.EPOCH,
            Optional.empty(),
            0));
    fixed(
        dev.modal4j.environments.EnvironmentInfo.class,
        new dev.modal4j.environments.EnvironmentInfo(
            "sample",
            "en-sample",
            "",
            java.time.Instant.EPOCH,
            false,
            false,
            java.util.OptionalInt.empty(),
            java.util.OptionalInt.empty()));
    fixed(
        dev.modal4j.environments.EnvironmentUpdateParams.class,
        dev.modal4j.environments.EnvironmentUpdateParams.builder().webSuffix("s").build());
    fresh(
        dev.modal4j.environments.EnvironmentUpdateParams.Builder.class,
        dev.modal4j.environments.EnvironmentUpdateParams::builder);
    fixed(dev.modal4j.sandboxes.CloudBucketMounts.class, modal.cloudBucketMounts());
    fixed(
        dev.modal4j.sandboxes.CloudBucketMountCreateParams.class,
        dev.modal4j.sandboxes.CloudBucketMountCreateParams.DEFAULT);
    fresh(
        dev.modal4j.sandboxes.CloudBucketMountCreateParams.Builder.class,
        dev.modal4j.sandboxes.CloudBucketMountCreateParams::builder);
    fixed(dev.modal4j.proxies.Proxies.class, modal.proxies());
    fixed(dev.modal4j.proxies.Proxy.class, dev.modal4j.proxies.Proxy.fromId("pr-sample"));
    fixed(
        dev.modal4j.proxies.ProxyFromNameParams.class,
        dev.modal4j.proxies.ProxyFromNameParams.DEFAULT);
    fresh(
        dev.modal4j.proxies.ProxyFromNameParams.Builder.class,
        dev.modal4j.proxies.ProxyFromNameParams::builder);
    ObservabilitySamples.add((type, value) -> samples.put(type, () -> value), modal, square);
  }

  /** Deletes the queue and dict made for the sweep. */
  @Override
  public void close() {
    modal.queues().delete(QUEUE, QueueDeleteParams.builder().allowMissing(true).build());
    modal.dicts().delete(DICT, DictDeleteParams.builder().allowMissing(true).build());
  }

  /** A valid value of {@code type}, or empty when the table has none. */
  Optional<Object> of(Class<?> type) {
    if (type.isPrimitive()) {
      return Optional.of(primitive(type));
    }
    Supplier<?> s = samples.get(type);
    return s == null ? Optional.empty() : Optional.of(s.get());
  }

  private static Object primitive(Class<?> type) {
    if (type == boolean.class) {
      return false;
    }
    if (type == int.class) {
      return 1;
    }
    if (type == long.class) {
      return 1L;
    }
    if (type == double.class) {
      return 1.0;
    }
    throw new IllegalStateException("no sample for primitive " + type);
  }

  private <T> void fixed(Class<T> type, T value) {
    samples.put(type, () -> value);
  }

  private <T> void fresh(Class<T> type, Supplier<? extends T> value) {
    samples.put(type, value);
  }

  private static javax.net.ssl.SSLContext sslContext() {
    try {
      return javax.net.ssl.SSLContext.getDefault();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The snapshot and mount types (issue 10). */
  private void snapshotSamples(ModalClient modal) {
    fixed(
        dev.modal4j.sandboxes.SnapshotFilesystemParams.class,
        dev.modal4j.sandboxes.SnapshotFilesystemParams.DEFAULT);
    fresh(
        dev.modal4j.sandboxes.SnapshotFilesystemParams.Builder.class,
        dev.modal4j.sandboxes.SnapshotFilesystemParams::builder);
    fixed(
        dev.modal4j.sandboxes.SnapshotDirectoryParams.class,
        dev.modal4j.sandboxes.SnapshotDirectoryParams.DEFAULT);
    fresh(
        dev.modal4j.sandboxes.SnapshotDirectoryParams.Builder.class,
        dev.modal4j.sandboxes.SnapshotDirectoryParams::builder);
    fixed(
        dev.modal4j.sandboxes.MountImageParams.class,
        dev.modal4j.sandboxes.MountImageParams.DEFAULT);
    fresh(
        dev.modal4j.sandboxes.MountImageParams.Builder.class,
        dev.modal4j.sandboxes.MountImageParams::builder);
    fixed(
        dev.modal4j.sandboxes.SandboxFromSnapshotParams.class,
        dev.modal4j.sandboxes.SandboxFromSnapshotParams.DEFAULT);
    fresh(
        dev.modal4j.sandboxes.SandboxFromSnapshotParams.Builder.class,
        dev.modal4j.sandboxes.SandboxFromSnapshotParams::builder);
    fixed(
        dev.modal4j.sandboxes.SandboxSnapshot.class,
        modal.sandboxes().snapshotFromId("sn-null-sweep"));
  }
}
