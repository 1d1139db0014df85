package dev.modal4j.testing.volumes;

import com.google.protobuf.Empty;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.VolumeCommitResponse;
import dev.modal4j.proto.VolumeGetByIdRequest;
import dev.modal4j.proto.VolumeGetByIdResponse;
import dev.modal4j.proto.VolumeListFiles2Response;
import dev.modal4j.proto.VolumeListFilesResponse;
import dev.modal4j.proto.VolumeMetadata;
import dev.modal4j.testing.EmulatorState;
import dev.modal4j.testing.classes.VolumeStore;
import dev.modal4j.testing.functions.internal.BlobStore;
import dev.modal4j.testing.internal.EmulatorArea;
import dev.modal4j.testing.internal.Unary;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files API of volumes, v1 and v2: list, read (block URLs served by this area's loopback HTTP
 * server, streamed from disk), upload (MountPutFile + VolumePutFiles; VolumePutFiles2 with its
 * missing-blocks round), remove, copy, commit and reload; VolumeGetById and VolumeRename. A
 * volume's files are the real files of the host directory the sandbox backends mount for it, so
 * both see the same tree. Uploaded content waits in a bounded on-disk store until a file is made of
 * it.
 */
public final class VolumeFilesArea implements EmulatorArea {
  private static final Logger log = LoggerFactory.getLogger(VolumeFilesArea.class);

  /** How many bytes of uploaded, content-addressed blocks and files are kept on disk at most. */
  public static final long DEFAULT_CONTENT_STORE_BYTES = 2L * 1024 * 1024 * 1024;

  private final VolumeStore volumes;
  private final VolumeDirectories directories;
  private final VolumeRoots roots;
  private final BlockEndpoints http;
  private final VolumeListing listing;
  private final VolumeReads reads;
  private final VolumeWrites writes;
  private final VolumeEdits edits;
  private final ContentStore store;

  /**
   * Creates the area and starts its HTTP server.
   *
   * @param state the emulator's shared state
   * @param volumes the volumes whose files are served
   * @param directories where volume files (and the content store) live on the host
   * @param blobs the blob store BlobCreate fills (v1 uploads of large files name a blob)
   */
  public VolumeFilesArea(
      EmulatorState state, VolumeStore volumes, VolumeDirectories directories, BlobStore blobs) {
    this.volumes = volumes;
    this.directories = directories;
    this.roots = new VolumeRoots(volumes, directories);
    this.store =
        new ContentStore(() -> directories.scratch("volume-content"), DEFAULT_CONTENT_STORE_BYTES);
    BlockReceipts receipts = new BlockReceipts();
    try {
      this.http = new BlockEndpoints(store, receipts, roots::downloadable, VolumeWrites.BLOCK_SIZE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the volume transfer HTTP server", e);
    }
    FilePlacer placer = new FilePlacer(directories);
    this.listing = new VolumeListing(roots);
    this.reads = new VolumeReads(roots, http, blobs, state);
    this.writes = new VolumeWrites(roots, store, receipts, http, placer, blobs);
    this.edits = new VolumeEdits(roots, placer);
  }

  /**
   * The host directory holding the files of a volume (what sandboxes mounting it see).
   *
   * @param volumeId the volume's id
   * @return the directory, created if missing
   */
  public Path directory(String volumeId) {
    roots.version(volumeId);
    return directories.volume(volumeId);
  }

  /**
   * Whether content with this lower-case hex SHA-256 was put with MountPutFile (and is still kept).
   *
   * @param sha256Hex the content's hash
   * @return whether it is stored
   */
  public boolean hasContent(String sha256Hex) {
    return store.has(sha256Hex);
  }

  /**
   * Copies stored content to a new file (no bytes for the empty content).
   *
   * @param sha256Hex the content's lower-case hex SHA-256
   * @param target the file to create
   * @return false when no such content is stored
   * @throws IOException when the file cannot be written
   */
  public boolean copyContent(String sha256Hex, Path target) throws IOException {
    if (sha256Hex.equals(ContentStore.EMPTY)) {
      java.nio.file.Files.createFile(target);
      return true;
    }
    java.util.Optional<Path> content = store.file(sha256Hex);
    if (content.isEmpty()) {
      return false;
    }
    try {
      java.nio.file.Files.copy(content.get(), target);
    } catch (java.nio.file.NoSuchFileException e) {
      return false; // dropped from the bounded store meanwhile
    }
    return true;
  }

  @Override
  public void bind(ServerServiceDefinition.Builder service) {
    stream(
        service,
        ModalClientGrpc.getVolumeListFilesMethod(),
        (q, out) ->
            listing.list(
                q.getVolumeId(),
                q.getPath(),
                q.getRecursive(),
                q.hasMaxEntries() ? q.getMaxEntries() : 0,
                1,
                "VolumeListFiles",
                batch ->
                    out.accept(VolumeListFilesResponse.newBuilder().addAllEntries(batch).build())));
    stream(
        service,
        ModalClientGrpc.getVolumeListFiles2Method(),
        (q, out) ->
            listing.list(
                q.getVolumeId(),
                q.getPath(),
                q.getRecursive(),
                q.hasMaxEntries() ? q.getMaxEntries() : 0,
                2,
                "VolumeListFiles2",
                batch ->
                    out.accept(
                        VolumeListFiles2Response.newBuilder().addAllEntries(batch).build())));
    unary(service, ModalClientGrpc.getVolumeGetFile2Method(), reads::getFile2);
    unary(service, ModalClientGrpc.getVolumeGetFileMethod(), reads::getFile);
    unary(service, ModalClientGrpc.getMountPutFileMethod(), writes::mountPutFile);
    unary(service, ModalClientGrpc.getVolumePutFilesMethod(), writes::putFiles);
    unary(service, ModalClientGrpc.getVolumePutFiles2Method(), writes::putFiles2);
    unary(
        service,
        ModalClientGrpc.getVolumeRemoveFileMethod(),
        q -> {
          edits.remove(q.getVolumeId(), q.getPath(), q.getRecursive(), 1, "VolumeRemoveFile");
          return Empty.getDefaultInstance();
        });
    unary(
        service,
        ModalClientGrpc.getVolumeRemoveFile2Method(),
        q -> {
          edits.remove(q.getVolumeId(), q.getPath(), q.getRecursive(), 2, "VolumeRemoveFile2");
          return Empty.getDefaultInstance();
        });
    unary(
        service,
        ModalClientGrpc.getVolumeCopyFilesMethod(),
        q -> {
          edits.copy(
              q.getVolumeId(),
              q.getSrcPathsList(),
              q.getDstPath(),
              q.getRecursive(),
              1,
              "VolumeCopyFiles");
          return Empty.getDefaultInstance();
        });
    unary(
        service,
        ModalClientGrpc.getVolumeCopyFiles2Method(),
        q -> {
          edits.copy(
              q.getVolumeId(),
              q.getSrcPathsList(),
              q.getDstPath(),
              q.getRecursive(),
              2,
              "VolumeCopyFiles2");
          return Empty.getDefaultInstance();
        });
    unary(
        service,
        ModalClientGrpc.getVolumeCommitMethod(),
        q ->
            // one host directory is every container's view: nothing to persist or reload; v2
            // volumes need no reload after a commit
            VolumeCommitResponse.newBuilder()
                .setSkipReload(roots.version(q.getVolumeId()) == 2)
                .build());
    unary(
        service,
        ModalClientGrpc.getVolumeReloadMethod(),
        q -> {
          roots.version(q.getVolumeId());
          return Empty.getDefaultInstance();
        });
    unary(service, ModalClientGrpc.getVolumeGetByIdMethod(), this::getById);
    unary(
        service,
        ModalClientGrpc.getVolumeRenameMethod(),
        q -> {
          volumes.rename(q.getVolumeId(), q.getName());
          return Empty.getDefaultInstance();
        });
  }

  private VolumeGetByIdResponse getById(VolumeGetByIdRequest q) {
    VolumeMetadata metadata =
        volumes
            .metadata(q.getVolumeId())
            .orElseThrow(
                () ->
                    Status.NOT_FOUND
                        .withDescription("Volume '" + q.getVolumeId() + "' not found")
                        .asRuntimeException());
    return VolumeGetByIdResponse.newBuilder()
        .setVolumeId(q.getVolumeId())
        .setMetadata(metadata)
        .build();
  }

  /** Binds a unary handler; an unexpected failure is logged before it becomes INTERNAL. */
  private static <Q, R> void unary(
      ServerServiceDefinition.Builder service,
      MethodDescriptor<Q, R> method,
      Unary.Handler<Q, R> handler) {
    Unary.bind(
        service,
        method,
        q -> {
          try {
            return handler.handle(q);
          } catch (StatusRuntimeException e) {
            throw e;
          } catch (RuntimeException e) {
            log.warn("{} failed", method.getBareMethodName(), e);
            throw e;
          }
        });
  }

  /** Binds a server-streaming handler that emits through a sink and may throw a status. */
  private static <Q, R> void stream(
      ServerServiceDefinition.Builder service,
      MethodDescriptor<Q, R> method,
      BiConsumer<Q, java.util.function.Consumer<R>> handler) {
    service.addMethod(
        method,
        ServerCalls.asyncServerStreamingCall(
            (Q request, StreamObserver<R> out) -> {
              try {
                handler.accept(request, out::onNext);
              } catch (StatusRuntimeException e) {
                out.onError(e);
                return;
              } catch (RuntimeException e) {
                log.warn("{} failed", method.getBareMethodName(), e);
                out.onError(
                    Status.INTERNAL
                        .withDescription("emulator error in " + method.getBareMethodName())
                        .withCause(e)
                        .asRuntimeException());
                return;
              }
              out.onCompleted();
            }));
  }

  @Override
  public void close() {
    http.close();
  }
}
