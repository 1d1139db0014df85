package dev.modal4j.internal.volumes;

import com.google.protobuf.ByteString;
import dev.modal4j.ModalException;
import dev.modal4j.ServiceException;
import dev.modal4j.internal.rpc.CallPolicy;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.proto.VolumePutFiles2Request;
import dev.modal4j.proto.VolumePutFiles2Response;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A batch upload to a v2 volume: every file is hashed in 8 MiB blocks (streamed from disk, blocks
 * hashed in parallel), VolumePutFiles2 answers which blocks Modal lacks, each of those is PUT
 * (concurrently, bounded, streamed from the file again), and a second VolumePutFiles2 hands back
 * the PUT answers. A file is read at most twice: to hash it, and to upload its missing blocks (a
 * spooled stream was hashed as it was written, so its temporary file is read once).
 */
final class UploadV2 {
  /** Blocks hashed at once. */
  static final int HASH_CONCURRENCY = Math.max(2, Runtime.getRuntime().availableProcessors());

  /** Blocks uploaded at once. */
  static final int PUT_CONCURRENCY = 8;

  private static final CallPolicy SLOW_RETRY =
      CallPolicy.builder().baseDelay(Duration.ofSeconds(1)).build();

  private final VolumeFiles volume;
  private final List<UploadItem> items;
  private final boolean force;
  private final List<List<Digests.Block>> blocks = new ArrayList<>();
  private final Map<ByteString, ByteString> putResponses = new ConcurrentHashMap<>();

  private UploadV2(VolumeFiles volume, List<UploadItem> items, boolean force) {
    this.volume = volume;
    this.items = items;
    this.force = force;
  }

  static CompletableFuture<Void> run(VolumeFiles volume, List<UploadItem> items, boolean force) {
    return new UploadV2(volume, items, force).start();
  }

  private record Job(int file, long start, long length) {}

  private CompletableFuture<Void> start() {
    List<Job> jobs = new ArrayList<>();
    for (int f = 0; f < items.size(); f++) {
      UploadSource source = items.get(f).source();
      List<Digests.Block> known = source.knownBlocks();
      if (known != null) {
        blocks.add(new ArrayList<>(known));
        continue;
      }
      long size = source.size();
      for (long start = 0; start < size; start += VolumeFiles.BLOCK_SIZE) {
        jobs.add(new Job(f, start, Math.min(VolumeFiles.BLOCK_SIZE, size - start)));
      }
      blocks.add(new ArrayList<>());
    }
    return Bounded.map(
            jobs,
            HASH_CONCURRENCY,
            j -> CompletableFuture.supplyAsync(() -> hash(j), volume.context().blockingExecutor()))
        .thenCompose(
            hashed -> {
              for (int i = 0; i < jobs.size(); i++) {
                blocks.get(jobs.get(i).file()).add(hashed.get(i));
              }
              return round(1);
            });
  }

  private Digests.Block hash(Job j) {
    UploadSource source = items.get(j.file()).source();
    try {
      return Digests.block(source, j.start(), j.length());
    } catch (IOException e) {
      throw new CompletionException(
          new ModalException("cannot read " + source.describe() + ": " + e.getMessage(), e));
    }
  }

  private CompletableFuture<Void> round(int n) {
    return volume
        .context()
        .controlPlane()
        .unary(ModalClientGrpc.getVolumePutFiles2Method(), request(), SLOW_RETRY)
        .thenCompose(
            r -> {
              if (r.getMissingBlocksCount() == 0) {
                return CompletableFuture.completedFuture(null);
              }
              if (n >= 2) {
                return CompletableFuture.failedFuture(
                    new ServiceException(
                        "Modal still lacks "
                            + r.getMissingBlocksCount()
                            + " blocks after they were all uploaded"));
              }
              return putMissing(r).thenCompose(v -> round(n + 1));
            });
  }

  private VolumePutFiles2Request request() {
    VolumePutFiles2Request.Builder req =
        VolumePutFiles2Request.newBuilder()
            .setVolumeId(volume.volumeId())
            .setDisallowOverwriteExistingFiles(!force);
    for (int f = 0; f < items.size(); f++) {
      UploadItem item = items.get(f);
      VolumePutFiles2Request.File.Builder file =
          VolumePutFiles2Request.File.newBuilder()
              .setPath(item.remotePath())
              .setSize(item.source().size())
              .setMode(item.mode());
      for (Digests.Block b : blocks.get(f)) {
        ByteString sha = ByteString.copyFrom(b.sha256());
        VolumePutFiles2Request.Block.Builder block =
            VolumePutFiles2Request.Block.newBuilder().setContentsSha256(sha);
        ByteString put = putResponses.get(sha);
        if (put != null) {
          block.setPutResponse(put);
        }
        file.addBlocks(block);
      }
      req.addFiles(file);
    }
    return req.build();
  }

  private CompletableFuture<Void> putMissing(VolumePutFiles2Response r) {
    return Bounded.map(
            r.getMissingBlocksList(),
            PUT_CONCURRENCY,
            m -> {
              if (m.getFileIndex() >= items.size()
                  || m.getBlockIndex() >= blocks.get((int) m.getFileIndex()).size()) {
                return CompletableFuture.failedFuture(
                    new ServiceException(
                        "VolumePutFiles2 asked for block "
                            + m.getBlockIndex()
                            + " of file "
                            + m.getFileIndex()
                            + ", which the request does not have"));
              }
              UploadSource source = items.get((int) m.getFileIndex()).source();
              Digests.Block b = blocks.get((int) m.getFileIndex()).get((int) m.getBlockIndex());
              return volume
                  .blocks()
                  .put(m.getPutUrl(), source, b.start(), b.end() - b.start())
                  .thenApply(
                      body -> {
                        putResponses.put(
                            ByteString.copyFrom(b.sha256()), ByteString.copyFrom(body));
                        return body.length;
                      });
            })
        .thenApply(v -> (Void) null);
  }
}
