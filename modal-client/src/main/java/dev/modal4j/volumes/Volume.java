package dev.modal4j.volumes;

import dev.modal4j.InvalidException;
import dev.modal4j.ModalException;
import dev.modal4j.NotFoundException;
import dev.modal4j.internal.Args;
import dev.modal4j.internal.CallerFutures;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.objects.Heartbeat;
import dev.modal4j.internal.volumes.UploadBatch;
import dev.modal4j.internal.volumes.VolumeFiles;
import dev.modal4j.internal.volumes.VolumePaths;
import dev.modal4j.proto.VolumeMetadata;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * A Modal Volume, a persistent file system that functions, classes and sandboxes can mount.
 *
 * <p>Get one from {@code modal.volumes().fromName("my-volume")}, or a nameless one kept alive by
 * this client with {@code modal.volumes().ephemeral()} (close it when done); mount it through
 * {@code SandboxCreateParams.builder().volumes(Map.of("/data", volume))}. {@link #withMountOptions}
 * gives a copy mounted read-only or at a sub-directory of the volume.
 *
 * <p>Its files can be listed ({@link #listFiles}), read ({@link #readFile(String)} as a stream,
 * {@link #readFile(String, Path)} into a local file), uploaded ({@link #batchUpload()}), removed
 * and copied, on the protocol of the volume's version (v1 or v2). A read-only handle refuses writes
 * before any RPC. The blocking methods throw the exceptions listed; the {@code Async} methods
 * complete their future exceptionally with the same exceptions, except that bad arguments are
 * refused by both forms with an {@link InvalidException} thrown from the call.
 */
public final class Volume implements AutoCloseable {
  private final String volumeId;
  private final String name;
  private final int version;
  private final boolean readOnly;
  private final String subPath;
  private final Heartbeat heartbeat;
  private final ClientContext context;
  private final VolumeFiles files;

  private Volume(
      String volumeId,
      String name,
      int version,
      boolean readOnly,
      String subPath,
      Heartbeat heartbeat,
      ClientContext context,
      VolumeFiles files) {
    this.volumeId = Objects.requireNonNull(volumeId, "volumeId");
    this.name = name;
    this.version = version;
    this.readOnly = readOnly;
    this.subPath = subPath;
    this.heartbeat = heartbeat;
    this.context = context;
    this.files = files;
  }

  /**
   * A volume already known by id (prefix {@code vo-}), to mount; it is bound to no client, so its
   * file operations are refused. {@code modal.volumes().fromId(id)} gives one that has them.
   *
   * @throws InvalidException if the id is null or blank
   */
  public static Volume fromId(String volumeId) {
    Args.notBlank(volumeId, "volumeId");
    return new Volume(volumeId, null, 0, false, null, null, null, null);
  }

  static Volume of(
      ClientContext context,
      String volumeId,
      String name,
      VolumeMetadata metadata,
      Heartbeat heartbeat) {
    int version = metadata == null ? 0 : VolumeFiles.versionOf(metadata);
    return new Volume(
        volumeId,
        name,
        version,
        false,
        null,
        heartbeat,
        context,
        new VolumeFiles(context, volumeId, metadata));
  }

  /** The volume's id, e.g. {@code vo-...}. */
  public String volumeId() {
    return volumeId;
  }

  /** The volume's name, when it was looked up by name; empty for ephemeral volumes. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /**
   * The volume's file-system version as Modal reported it (1 or 2); empty for a volume made with
   * {@link #fromId}.
   */
  public Optional<Integer> version() {
    return version == 0 ? Optional.empty() : Optional.of(version);
  }

  /** Whether this volume is mounted read-only. */
  public boolean isReadOnly() {
    return readOnly;
  }

  /** The directory of the volume that is mounted; empty means the whole volume. */
  public Optional<String> subPath() {
    return Optional.ofNullable(subPath);
  }

  /** Whether this is an ephemeral volume kept alive by this client's heartbeats. */
  public boolean isEphemeral() {
    return heartbeat != null;
  }

  /** A copy of this volume that is mounted read-only. */
  public Volume readOnly() {
    return withMountOptions(VolumeMountOptions.builder().readOnly(true).build());
  }

  /**
   * A copy of this volume mounted as {@code options} say; options left unset keep this volume's
   * values, so calls stack. The copy shares this volume's heartbeat.
   *
   * @throws InvalidException if options is null
   */
  public Volume withMountOptions(VolumeMountOptions options) {
    Args.notNull(options, "options");
    boolean ro = options.readOnly().orElse(readOnly);
    String sub = subPath;
    if (options.subPath().isPresent()) {
      String s = options.subPath().get();
      sub = s.isEmpty() || s.equals("/") ? null : s;
    }
    return new Volume(volumeId, name, version, ro, sub, heartbeat, context, files);
  }

  /**
   * The entries directly in the directory {@code path} of the volume (for a file path, that file
   * alone), streamed lazily: close the stream (try-with-resources) to stop early, which cancels the
   * listing.
   *
   * @throws InvalidException if the path is null or ends with a glob ({@code *} or {@code **})
   * @throws NotFoundException if there is no such path (thrown while the stream is consumed)
   */
  public Stream<VolumeEntry> listFiles(String path) {
    return listFiles(path, ListFilesParams.DEFAULT);
  }

  /**
   * The entries under {@code path}, as {@code params} say (recursively, at most so many), streamed
   * lazily as {@link #listFiles(String)}.
   *
   * @throws InvalidException if an argument is null or the path ends with a glob
   * @throws NotFoundException if there is no such path (thrown while the stream is consumed)
   */
  public Stream<VolumeEntry> listFiles(String path, ListFilesParams params) {
    String p = VolumePaths.listing(path, "path");
    Args.notNull(params, "params");
    return bound().list(p, params.recursive(), params.maxEntries().orElse(0)).map(VolumeEntry::of);
  }

  /**
   * The async form of {@link #listFiles(String, ListFilesParams)}, collecting every entry.
   *
   * @throws InvalidException if an argument is null or the path ends with a glob
   */
  public CompletableFuture<List<VolumeEntry>> listFilesAsync(String path, ListFilesParams params) {
    String p = VolumePaths.listing(path, "path");
    Args.notNull(params, "params");
    VolumeFiles f = bound();
    return CallerFutures.hand(
        context,
        CompletableFuture.supplyAsync(
            () -> {
              try (Stream<VolumeEntry> s =
                  f.list(p, params.recursive(), params.maxEntries().orElse(0))
                      .map(VolumeEntry::of)) {
                return s.toList();
              }
            },
            context.blockingExecutor()));
  }

  /**
   * The file {@code path} of the volume as a stream, downloaded block by block as it is read (a few
   * 8 MiB blocks ahead at most, whatever the file's size). Close it when done; closing early
   * cancels the downloads.
   *
   * @throws InvalidException if the path is null or blank
   * @throws NotFoundException if there is no such file
   */
  public InputStream readFile(String path) {
    return readFile(path, ReadFileParams.DEFAULT);
  }

  /**
   * The bytes of the file {@code path} that {@code params} select, as a stream (see {@link
   * #readFile(String)}).
   *
   * @throws InvalidException if an argument is null or the path blank
   * @throws NotFoundException if there is no such file
   */
  public InputStream readFile(String path, ReadFileParams params) {
    return Futures.join(readFileAsync(path, params));
  }

  /**
   * The async form of {@link #readFile(String, ReadFileParams)}: completes once Modal has located
   * the file.
   *
   * @throws InvalidException if an argument is null or the path blank
   */
  public CompletableFuture<InputStream> readFileAsync(String path, ReadFileParams params) {
    String p = VolumePaths.existing(path, "path");
    Args.notNull(params, "params");
    VolumeFiles f = bound();
    return CallerFutures.hand(
        context, f.locate(p, params.start(), params.length().orElse(0)).thenApply(f::open));
  }

  /**
   * Downloads the file {@code path} into the local file {@code target} (written to a temporary file
   * next to it, then moved into place, replacing any file there) and returns its size.
   *
   * @throws InvalidException if an argument is null or the path blank
   * @throws NotFoundException if there is no such file
   * @throws ModalException if the download or the local write fails (the target is left as it was)
   */
  public long readFile(String path, Path target) {
    return Futures.join(readFileAsync(path, target));
  }

  /**
   * The async form of {@link #readFile(String, Path)}.
   *
   * @throws InvalidException if an argument is null or the path blank
   */
  public CompletableFuture<Long> readFileAsync(String path, Path target) {
    String p = VolumePaths.existing(path, "path");
    Args.notNull(target, "target");
    VolumeFiles f = bound();
    return CallerFutures.hand(context, f.locate(p, 0, 0).thenCompose(r -> f.download(r, target)));
  }

  /**
   * Removes the file {@code path}.
   *
   * @throws InvalidException if the path is null or blank, or this handle is read-only
   * @throws NotFoundException if there is no such file
   */
  public void removeFile(String path) {
    Futures.join(removeFileAsync(path, false));
  }

  /**
   * Removes the file or (with {@code recursive}) the directory {@code path}.
   *
   * @throws InvalidException if the path is null or blank, or this handle is read-only
   * @throws NotFoundException if there is no such path
   */
  public void removeFile(String path, boolean recursive) {
    Futures.join(removeFileAsync(path, recursive));
  }

  /**
   * The async form of {@link #removeFile(String, boolean)}.
   *
   * @throws InvalidException if the path is null or blank, or this handle is read-only
   */
  public CompletableFuture<Void> removeFileAsync(String path, boolean recursive) {
    String p = VolumePaths.existing(path, "path");
    VolumeFiles f = writable();
    return CallerFutures.hand(context, f.remove(p, recursive));
  }

  /**
   * Copies the files {@code sources} to {@code destination} inside the volume, as {@code cp} does
   * (into it if it is a directory).
   *
   * @throws InvalidException if an argument is null, a path blank, or this handle read-only
   * @throws NotFoundException if a source does not exist
   */
  public void copyFiles(List<String> sources, String destination) {
    Futures.join(copyFilesAsync(sources, destination, false));
  }

  /**
   * Copies {@code sources} to {@code destination}, directories too with {@code recursive} (v2
   * volumes only), as {@code cp} does.
   *
   * @throws InvalidException if an argument is null, a path blank, this handle read-only, or {@code
   *     recursive} asked of a v1 volume
   * @throws NotFoundException if a source does not exist
   */
  public void copyFiles(List<String> sources, String destination, boolean recursive) {
    Futures.join(copyFilesAsync(sources, destination, recursive));
  }

  /**
   * The async form of {@link #copyFiles(List, String, boolean)}.
   *
   * @throws InvalidException if an argument is null, a path blank, this handle read-only, or {@code
   *     recursive} asked of a volume known to be v1
   */
  public CompletableFuture<Void> copyFilesAsync(
      List<String> sources, String destination, boolean recursive) {
    Args.noNullElements(sources, "sources");
    Args.notNull(destination, "destination");
    if (sources.isEmpty()) {
      throw new InvalidException("sources must name at least one path");
    }
    List<String> src = new ArrayList<>();
    for (String s : sources) {
      src.add(VolumePaths.existing(s, "sources"));
    }
    String dst = VolumePaths.existing(destination, "destination");
    VolumeFiles f = writable();
    if (recursive && version == 1) {
      throw new InvalidException("recursive copies are not supported by v1 volumes");
    }
    return CallerFutures.hand(context, f.copy(List.copyOf(src), dst, recursive));
  }

  /**
   * A batch upload that refuses to overwrite existing files; add files, then {@link
   * VolumeUpload#upload()}.
   *
   * @throws InvalidException if this handle is read-only
   */
  public VolumeUpload batchUpload() {
    return batchUpload(false);
  }

  /**
   * A batch upload; with {@code force}, existing files are overwritten (directories never are).
   *
   * @throws InvalidException if this handle is read-only
   */
  public VolumeUpload batchUpload(boolean force) {
    VolumeFiles f = writable();
    return new VolumeUpload(context, new UploadBatch(f, force));
  }

  /**
   * Commits the changes made to the volume where it is mounted; meaningful inside a container that
   * mounts it (Modal reloads it there afterwards unless it says not to).
   *
   * @throws ModalException if Modal refuses (for instance outside such a container)
   */
  public void commit() {
    Futures.join(commitAsync());
  }

  /** The async form of {@link #commit()}. */
  public CompletableFuture<Void> commitAsync() {
    return CallerFutures.hand(context, bound().commit());
  }

  /**
   * Makes the latest committed state of the volume visible where it is mounted; meaningful inside a
   * container that mounts it.
   *
   * @throws ModalException if Modal refuses (for instance outside such a container)
   */
  public void reload() {
    Futures.join(reloadAsync());
  }

  /** The async form of {@link #reload()}. */
  public CompletableFuture<Void> reloadAsync() {
    return CallerFutures.hand(context, bound().reload());
  }

  /**
   * What Modal records about the volume: its name, when and by whom it was created.
   *
   * @throws NotFoundException if the volume no longer exists and its record was not known yet
   */
  public VolumeInfo info() {
    return Futures.join(infoAsync());
  }

  /** The async form of {@link #info()}. */
  public CompletableFuture<VolumeInfo> infoAsync() {
    return CallerFutures.hand(
        context,
        bound()
            .metadata()
            .thenApply(
                m -> {
                  String n = m.getName().isEmpty() ? name : m.getName();
                  double at = m.getCreationInfo().getCreatedAt();
                  Instant created =
                      at > 0
                          ? Instant.ofEpochSecond(
                              (long) Math.floor(at), (long) ((at - Math.floor(at)) * 1e9))
                          : null;
                  String by = m.getCreationInfo().getCreatedBy();
                  return new VolumeInfo(n, created, by.isEmpty() ? null : by);
                }));
  }

  private VolumeFiles bound() {
    if (files == null) {
      throw new InvalidException(
          "Volume "
              + volumeId
              + " was made by Volume.fromId and has no client: use modal.volumes().fromId(id) for"
              + " file operations");
    }
    context.checkOpen();
    return files;
  }

  private VolumeFiles writable() {
    VolumeFiles f = bound();
    if (readOnly) {
      throw new InvalidException("Volume " + volumeId + " is read-only: it cannot be written to");
    }
    return f;
  }

  /**
   * Stops the heartbeats of an ephemeral volume, after which Modal deletes it and its files; does
   * nothing for a named volume. Idempotent.
   */
  @Override
  public void close() {
    if (heartbeat != null) {
      heartbeat.close();
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Volume)) {
      return false;
    }
    Volume v = (Volume) o;
    return v.volumeId.equals(volumeId)
        && v.readOnly == readOnly
        && Objects.equals(v.subPath, subPath);
  }

  @Override
  public int hashCode() {
    return Objects.hash(volumeId, readOnly, subPath);
  }

  @Override
  public String toString() {
    return "Volume{"
        + volumeId
        + (name == null ? "" : ", name=" + name)
        + (readOnly ? ", readOnly" : "")
        + (subPath == null ? "" : ", subPath=" + subPath)
        + (heartbeat != null ? ", ephemeral" : "")
        + "}";
  }
}
