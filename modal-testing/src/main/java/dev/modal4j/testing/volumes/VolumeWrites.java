package dev.modal4j.testing.volumes;

import com.google.protobuf.Empty;
import dev.modal4j.proto.MountFile;
import dev.modal4j.proto.MountPutFileRequest;
import dev.modal4j.proto.MountPutFileResponse;
import dev.modal4j.proto.VolumePutFiles2Request;
import dev.modal4j.proto.VolumePutFiles2Response;
import dev.modal4j.proto.VolumePutFilesRequest;
import dev.modal4j.testing.functions.internal.BlobStore;
import io.grpc.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Uploads into volumes. v1: MountPutFile stores a whole file's content by its hex SHA-256 (inline
 * {@code data} or a blob, checked against the hash), then VolumePutFiles names files by those
 * hashes. v2: VolumePutFiles2 lists each file's 8 MiB blocks by raw SHA-256 (of the block without
 * its trailing zero bytes); blocks not stored yet are answered with a PUT URL, and once every block
 * is there the files are written, blocks at their offsets and the rest zeros.
 */
final class VolumeWrites {
  /** The block size of v2 volumes and of download URLs. */
  static final long BLOCK_SIZE = 8L * 1024 * 1024;

  private final VolumeRoots roots;
  private final ContentStore store;
  private final BlockReceipts receipts;
  private final BlockEndpoints http;
  private final FilePlacer placer;
  private final BlobStore blobs;

  VolumeWrites(
      VolumeRoots roots,
      ContentStore store,
      BlockReceipts receipts,
      BlockEndpoints http,
      FilePlacer placer,
      BlobStore blobs) {
    this.roots = roots;
    this.store = store;
    this.receipts = receipts;
    this.http = http;
    this.placer = placer;
    this.blobs = blobs;
  }

  MountPutFileResponse mountPutFile(MountPutFileRequest request) {
    String hex = hexOf(request.getSha256Hex());
    if (store.has(hex)) {
      // a retried call, or content stored before: nothing to take from the request
      return MountPutFileResponse.newBuilder().setExists(true).build();
    }
    try {
      switch (request.getDataOneofCase()) {
        case DATA:
          store.put(request.getData().toByteArray(), hex);
          break;
        case DATA_BLOB_ID:
          BlobStore.Content content = blobs.content(request.getDataBlobId());
          if (content == null) {
            throw Status.NOT_FOUND
                .withDescription("Blob '" + request.getDataBlobId() + "' not found")
                .asRuntimeException();
          }
          try (java.io.InputStream in = content.open()) {
            store.put(in, content.length(), hex);
          } catch (ContentStore.TooLarge e) {
            throw new IllegalStateException(e);
          } catch (java.io.IOException e) {
            throw Status.NOT_FOUND
                .withDescription("Blob '" + request.getDataBlobId() + "' not found")
                .asRuntimeException();
          }
          // the content is in the volume's store now: the blob is not needed any more
          blobs.remove(request.getDataBlobId());
          break;
        default:
          break;
      }
    } catch (ContentStore.DigestMismatch e) {
      throw VolumePath.invalid("MountPutFile: " + e.getMessage());
    }
    return MountPutFileResponse.newBuilder().setExists(store.has(hex)).build();
  }

  Empty putFiles(VolumePutFilesRequest request) {
    Path root = roots.root(request.getVolumeId(), 1, "VolumePutFiles");
    boolean overwrite = !request.getDisallowOverwriteExistingFiles();
    List<String> rels = new ArrayList<>();
    for (MountFile f : request.getFilesList()) {
      String rel = VolumePath.normalize(f.getFilename());
      FilePlacer.checkWritable(root, rel, f.getFilename(), overwrite);
      String hex = hexOf(f.getSha256Hex());
      if (!store.has(hex)) {
        throw missingContent(f);
      }
      rels.add(rel);
    }
    for (int i = 0; i < rels.size(); i++) {
      MountFile f = request.getFiles(i);
      String hex = hexOf(f.getSha256Hex());
      Path tmp = placer.temporary();
      try {
        Optional<Path> content = store.file(hex);
        if (content.isPresent()) {
          Files.copy(content.get(), tmp);
        } else if (hex.equals(ContentStore.EMPTY)) {
          Files.createFile(tmp);
        } else {
          throw missingContent(f);
        }
        if (f.hasSize() && Files.size(tmp) != f.getSize()) {
          Files.deleteIfExists(tmp);
          throw VolumePath.invalid(
              "'"
                  + f.getFilename()
                  + "': size "
                  + f.getSize()
                  + " differs from the uploaded content");
        }
      } catch (NoSuchFileException e) {
        store.forget(hex);
        throw missingContent(f);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      placer.place(
          tmp,
          root,
          rels.get(i),
          f.getFilename(),
          f.hasMode() ? f.getMode() : FilePlacer.DEFAULT_MODE,
          overwrite);
    }
    return Empty.getDefaultInstance();
  }

  VolumePutFiles2Response putFiles2(VolumePutFiles2Request request) {
    Path root = roots.root(request.getVolumeId(), 2, "VolumePutFiles2");
    boolean overwrite = !request.getDisallowOverwriteExistingFiles();
    List<String> rels = new ArrayList<>();
    VolumePutFiles2Response.Builder missing = VolumePutFiles2Response.newBuilder();
    for (int i = 0; i < request.getFilesCount(); i++) {
      VolumePutFiles2Request.File f = request.getFiles(i);
      String rel = VolumePath.normalize(f.getPath());
      FilePlacer.checkWritable(root, rel, f.getPath(), overwrite);
      long blocks = (f.getSize() + BLOCK_SIZE - 1) / BLOCK_SIZE;
      if (f.getSize() < 0 || f.getBlocksCount() != blocks) {
        throw VolumePath.invalid(
            "'"
                + f.getPath()
                + "' of "
                + Long.toUnsignedString(f.getSize())
                + " bytes has "
                + blocks
                + " blocks of 8 MiB, not "
                + f.getBlocksCount());
      }
      for (int j = 0; j < f.getBlocksCount(); j++) {
        VolumePutFiles2Request.Block b = f.getBlocks(j);
        if (b.getContentsSha256().size() != 32) {
          throw VolumePath.invalid(
              "block " + j + " of '" + f.getPath() + "': contents_sha256 must be 32 bytes");
        }
        String hex = ContentStore.hex(b.getContentsSha256().toByteArray());
        if (b.hasPutResponse() && !receipts.valid(hex, b.getPutResponse().toByteArray())) {
          throw VolumePath.invalid(
              "block "
                  + j
                  + " of '"
                  + f.getPath()
                  + "': put_response is not what its PUT answered");
        }
        if (!store.has(hex)) {
          missing.addMissingBlocks(missingBlock(i, j, hex));
        }
      }
      rels.add(rel);
    }
    if (missing.getMissingBlocksCount() > 0) {
      return missing.build();
    }
    for (int i = 0; i < rels.size(); i++) {
      VolumePutFiles2Request.File f = request.getFiles(i);
      Path tmp = placer.temporary();
      List<Integer> gone = assemble(f, tmp);
      if (!gone.isEmpty()) {
        deleteQuietly(tmp);
        for (int j : gone) {
          missing.addMissingBlocks(
              missingBlock(
                  i, j, ContentStore.hex(f.getBlocks(j).getContentsSha256().toByteArray())));
        }
        continue;
      }
      placer.place(
          tmp,
          root,
          rels.get(i),
          f.getPath(),
          f.hasMode() ? f.getMode() : FilePlacer.DEFAULT_MODE,
          overwrite);
    }
    return missing.build();
  }

  /** Writes the file's blocks into {@code tmp}; returns the indexes of blocks found missing. */
  private List<Integer> assemble(VolumePutFiles2Request.File f, Path tmp) {
    List<Integer> gone = new ArrayList<>();
    try (FileChannel out =
        FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (int j = 0; j < f.getBlocksCount(); j++) {
        String hex = ContentStore.hex(f.getBlocks(j).getContentsSha256().toByteArray());
        if (hex.equals(ContentStore.EMPTY)) {
          continue;
        }
        Optional<Path> src = store.file(hex);
        if (src.isEmpty()) {
          gone.add(j);
          continue;
        }
        long offset = j * BLOCK_SIZE;
        long expected = Math.min(BLOCK_SIZE, f.getSize() - offset);
        try (FileChannel in = FileChannel.open(src.get(), StandardOpenOption.READ)) {
          long n = in.size();
          if (n > expected) {
            throw VolumePath.invalid(
                "block "
                    + j
                    + " of '"
                    + f.getPath()
                    + "' holds "
                    + n
                    + " bytes, more than "
                    + expected);
          }
          copy(in, n, out, offset);
        } catch (NoSuchFileException e) {
          store.forget(hex);
          gone.add(j);
        }
      }
      if (out.size() < f.getSize()) {
        out.write(ByteBuffer.wrap(new byte[1]), f.getSize() - 1);
      }
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      deleteQuietly(tmp);
      throw e;
    }
    return gone;
  }

  /** Copies {@code n} bytes of {@code in} to {@code out} at {@code offset} (past its end too). */
  private static void copy(FileChannel in, long n, FileChannel out, long offset)
      throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
    for (long done = 0; done < n; ) {
      buf.clear().limit((int) Math.min(buf.capacity(), n - done));
      int r = in.read(buf, done);
      if (r < 0) {
        throw new IOException("stored block ended early");
      }
      buf.flip();
      while (buf.hasRemaining()) {
        done += out.write(buf, offset + done);
      }
    }
  }

  private VolumePutFiles2Response.MissingBlock missingBlock(int file, int block, String hex) {
    return VolumePutFiles2Response.MissingBlock.newBuilder()
        .setFileIndex(file)
        .setBlockIndex(block)
        .setPutUrl(http.putUrl(hex))
        .build();
  }

  private static RuntimeException missingContent(MountFile f) {
    return Status.FAILED_PRECONDITION
        .withDescription(
            "'"
                + f.getFilename()
                + "': no content with sha256 "
                + f.getSha256Hex()
                + " was uploaded (MountPutFile)")
        .asRuntimeException();
  }

  private static String hexOf(String sha256Hex) {
    String hex = sha256Hex.toLowerCase(Locale.ROOT);
    if (!hex.matches("[0-9a-f]{64}")) {
      throw VolumePath.invalid("sha256_hex '" + sha256Hex + "' is not 64 hex digits");
    }
    return hex;
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // left for the emulator's directory cleanup
    }
  }
}
