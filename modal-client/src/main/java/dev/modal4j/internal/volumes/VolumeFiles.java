package dev.modal4j.internal.volumes;

import dev.modal4j.AlreadyExistsException;
import dev.modal4j.InvalidException;
import dev.modal4j.ModalException;
import dev.modal4j.NotFoundException;
import dev.modal4j.internal.ClientContext;
import dev.modal4j.internal.Futures;
import dev.modal4j.internal.blob.BlobClient;
import dev.modal4j.internal.blob.BlockTransfer;
import dev.modal4j.internal.options.Lookups;
import dev.modal4j.internal.rpc.CallPolicy;
import dev.modal4j.proto.FileEntry;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.VolumeCommitRequest;
import dev.modal4j.proto.VolumeCopyFiles2Request;
import dev.modal4j.proto.VolumeCopyFilesRequest;
import dev.modal4j.proto.VolumeFsVersion;
import dev.modal4j.proto.VolumeGetByIdRequest;
import dev.modal4j.proto.VolumeGetFile2Request;
import dev.modal4j.proto.VolumeGetFile2Response;
import dev.modal4j.proto.VolumeListFiles2Request;
import dev.modal4j.proto.VolumeListFiles2Response;
import dev.modal4j.proto.VolumeListFilesRequest;
import dev.modal4j.proto.VolumeListFilesResponse;
import dev.modal4j.proto.VolumeMetadata;
import dev.modal4j.proto.VolumeReloadRequest;
import dev.modal4j.proto.VolumeRemoveFile2Request;
import dev.modal4j.proto.VolumeRemoveFileRequest;
import io.grpc.Status;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The file operations of one volume (protocol/resources.md §4.5): listing, reading, removing,
 * copying, uploading, commit and reload, each on the RPC family of the volume's version (v1 or v2,
 * from its metadata, fetched with VolumeGetById when the handle was made without it). Shared by
 * every copy of a volume handle.
 */
public final class VolumeFiles {
  /** The size of the blocks v2 volumes store and every volume's reads are served in. */
  public static final int BLOCK_SIZE = 8 << 20;

  /** Blocks downloaded or held at once by one {@link #open} stream. */
  static final int READ_AHEAD = 3;

  /** Blocks downloaded at once into a local file. */
  static final int DOWNLOAD_CONCURRENCY = 4;

  private static final CallPolicy SLOW_RETRY =
      CallPolicy.builder().baseDelay(Duration.ofSeconds(1)).build();
  private static final CallPolicy COMMIT_RETRY = CallPolicy.builder().maxRetries(90).build();

  private final ClientContext context;
  private final String volumeId;
  private final AtomicReference<CompletableFuture<VolumeMetadata>> metadata =
      new AtomicReference<>();
  private final BlockTransfer blocks;
  private final BlobClient blobs;

  /**
   * The operations of volume {@code volumeId} through {@code context}'s client.
   *
   * @param known the volume's metadata as a lookup answered it, or null to fetch it when needed
   */
  public VolumeFiles(ClientContext context, String volumeId, VolumeMetadata known) {
    this.context = context;
    this.volumeId = volumeId;
    if (known != null) {
      metadata.set(CompletableFuture.completedFuture(known));
    }
    this.blocks =
        new BlockTransfer(context.blockingExecutor(), context.scheduler(), context.allowInsecure());
    this.blobs =
        new BlobClient(
            context.controlPlane(),
            context.blockingExecutor(),
            context.scheduler(),
            context.allowInsecure(),
            context.events());
  }

  ClientContext context() {
    return context;
  }

  String volumeId() {
    return volumeId;
  }

  BlockTransfer blocks() {
    return blocks;
  }

  BlobClient blobs() {
    return blobs;
  }

  /** The volume's metadata (cached; a failed fetch is tried again next time). */
  public CompletableFuture<VolumeMetadata> metadata() {
    CompletableFuture<VolumeMetadata> m = metadata.get();
    if (m == null || m.isCompletedExceptionally()) {
      CompletableFuture<VolumeMetadata> fresh =
          Lookups.renameNotFound(
                  context
                      .controlPlane()
                      .unary(
                          ModalClientGrpc.getVolumeGetByIdMethod(),
                          VolumeGetByIdRequest.newBuilder().setVolumeId(volumeId).build()),
                  "Volume '" + volumeId + "' not found")
              .thenApply(r -> r.getMetadata());
      metadata.compareAndSet(m, fresh);
      m = metadata.get();
    }
    return m.thenApply(x -> x);
  }

  /** 2 for a v2 volume, else 1. */
  public CompletableFuture<Integer> version() {
    return metadata().thenApply(VolumeFiles::versionOf);
  }

  /** 2 for {@code VOLUME_FS_VERSION_V2}, else 1 (unspecified is v1). */
  public static int versionOf(VolumeMetadata m) {
    return m.getVersion() == VolumeFsVersion.VOLUME_FS_VERSION_V2 ? 2 : 1;
  }

  /** Starts listing {@code path} (the caller blocks until the version is known). */
  public Stream<FileEntry> list(String path, boolean recursive, int maxEntries) {
    int version = Futures.join(version());
    java.util.function.UnaryOperator<ModalException> rename =
        e ->
            e instanceof NotFoundException
                ? new NotFoundException(
                    "No file or directory '" + path + "' in volume " + volumeId,
                    e,
                    Status.Code.NOT_FOUND)
                : e;
    if (version == 1) {
      VolumeListFilesRequest.Builder req =
          VolumeListFilesRequest.newBuilder()
              .setVolumeId(volumeId)
              .setPath(path)
              .setRecursive(recursive);
      if (maxEntries > 0) {
        req.setMaxEntries(maxEntries);
      }
      return EntryStream.open(
          context.controlPlane(),
          ModalClientGrpc.getVolumeListFilesMethod(),
          req.build(),
          VolumeListFilesResponse::getEntriesList,
          rename);
    }
    VolumeListFiles2Request.Builder req =
        VolumeListFiles2Request.newBuilder()
            .setVolumeId(volumeId)
            .setPath(path)
            .setRecursive(recursive);
    if (maxEntries > 0) {
      req.setMaxEntries(maxEntries);
    }
    return EntryStream.open(
        context.controlPlane(),
        ModalClientGrpc.getVolumeListFiles2Method(),
        req.build(),
        VolumeListFiles2Response::getEntriesList,
        rename);
  }

  /** Where {@code path}'s bytes from {@code start} ({@code length} of them, 0 = all) are. */
  public CompletableFuture<VolumeGetFile2Response> locate(String path, long start, long length) {
    return Lookups.renameNotFound(
        context
            .controlPlane()
            .unary(
                ModalClientGrpc.getVolumeGetFile2Method(),
                VolumeGetFile2Request.newBuilder()
                    .setVolumeId(volumeId)
                    .setPath(path)
                    .setStart(start)
                    .setLen(length)
                    .build()),
        "No file '" + path + "' in volume " + volumeId);
  }

  /** The bytes {@code located} describes, as a stream with bounded read-ahead. */
  public InputStream open(VolumeGetFile2Response located) {
    return new BlockInputStream(
        blocks, located.getGetUrlsList(), blockLengths(located), READ_AHEAD);
  }

  /**
   * Downloads the bytes {@code located} describes into {@code target}; completes with the count.
   */
  public CompletableFuture<Long> download(VolumeGetFile2Response located, Path target) {
    return FileDownload.run(
        blocks,
        located.getGetUrlsList(),
        blockLengths(located),
        target,
        DOWNLOAD_CONCURRENCY,
        context.blockingExecutor());
  }

  /**
   * The bytes of each block of a read of {@code len} bytes from {@code start}: the blocks are
   * {@link #BLOCK_SIZE}-aligned in the file, so the first may be short, and the last.
   */
  static long[] blockLengths(VolumeGetFile2Response r) {
    int n = r.getGetUrlsCount();
    long[] lengths = new long[n];
    long start = r.getStart();
    long end = start + r.getLen();
    long pos = start;
    for (int i = 0; i < n; i++) {
      long blockEnd = Math.min(end, (start / BLOCK_SIZE + i + 1) * BLOCK_SIZE);
      lengths[i] = Math.max(0, blockEnd - pos);
      pos = Math.max(pos, blockEnd);
    }
    return lengths;
  }

  /** Removes {@code path} (a directory only with {@code recursive}). */
  public CompletableFuture<Void> remove(String path, boolean recursive) {
    return version()
        .thenCompose(
            v ->
                Lookups.renameNotFound(
                    v == 1
                        ? context
                            .controlPlane()
                            .unary(
                                ModalClientGrpc.getVolumeRemoveFileMethod(),
                                VolumeRemoveFileRequest.newBuilder()
                                    .setVolumeId(volumeId)
                                    .setPath(path)
                                    .setRecursive(recursive)
                                    .build())
                        : context
                            .controlPlane()
                            .unary(
                                ModalClientGrpc.getVolumeRemoveFile2Method(),
                                VolumeRemoveFile2Request.newBuilder()
                                    .setVolumeId(volumeId)
                                    .setPath(path)
                                    .setRecursive(recursive)
                                    .build()),
                    "No file or directory '" + path + "' in volume " + volumeId))
        .thenApply(e -> (Void) null);
  }

  /** Copies {@code sources} to {@code destination} with {@code cp} semantics. */
  public CompletableFuture<Void> copy(List<String> sources, String destination, boolean recursive) {
    return version()
        .thenCompose(
            v -> {
              if (v == 1) {
                if (recursive) {
                  throw new InvalidException("recursive copies are not supported by v1 volumes");
                }
                return context
                    .controlPlane()
                    .unary(
                        ModalClientGrpc.getVolumeCopyFilesMethod(),
                        VolumeCopyFilesRequest.newBuilder()
                            .setVolumeId(volumeId)
                            .addAllSrcPaths(sources)
                            .setDstPath(destination)
                            .setRecursive(false)
                            .build(),
                        SLOW_RETRY);
              }
              return context
                  .controlPlane()
                  .unary(
                      ModalClientGrpc.getVolumeCopyFiles2Method(),
                      VolumeCopyFiles2Request.newBuilder()
                          .setVolumeId(volumeId)
                          .addAllSrcPaths(sources)
                          .setDstPath(destination)
                          .setRecursive(recursive)
                          .build(),
                      SLOW_RETRY);
            })
        .thenApply(e -> (Void) null);
  }

  /**
   * Commits the volume's changes (inside a container that mounts it), reloading unless told not.
   */
  public CompletableFuture<Void> commit() {
    return context
        .controlPlane()
        .unary(
            ModalClientGrpc.getVolumeCommitMethod(),
            VolumeCommitRequest.newBuilder().setVolumeId(volumeId).build(),
            COMMIT_RETRY)
        .thenCompose(r -> r.getSkipReload() ? CompletableFuture.completedFuture(null) : reload());
  }

  /** Reloads the volume (inside a container that mounts it). */
  public CompletableFuture<Void> reload() {
    return context
        .controlPlane()
        .unary(
            ModalClientGrpc.getVolumeReloadMethod(),
            VolumeReloadRequest.newBuilder().setVolumeId(volumeId).build())
        .thenApply(e -> (Void) null);
  }

  /** Uploads {@code items} in one batch on the protocol of the volume's version. */
  CompletableFuture<Void> upload(List<UploadItem> items, boolean force) {
    return version()
        .thenCompose(
            v -> v == 1 ? UploadV1.run(this, items, force) : UploadV2.run(this, items, force))
        .exceptionallyCompose(
            e -> {
              Throwable cause = Futures.unwrap(e);
              if (cause instanceof AlreadyExistsException && !force) {
                return CompletableFuture.failedFuture(
                    new AlreadyExistsException(
                        cause.getMessage() + " (upload with force to overwrite existing files)",
                        cause,
                        Status.Code.ALREADY_EXISTS));
              }
              return CompletableFuture.failedFuture(cause);
            });
  }
}
