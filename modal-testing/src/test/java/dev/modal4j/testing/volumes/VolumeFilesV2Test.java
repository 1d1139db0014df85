package dev.modal4j.testing.volumes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.modal4j.proto.FileEntry;
import dev.modal4j.proto.VolumeGetFile2Request;
import dev.modal4j.proto.VolumeGetFile2Response;
import dev.modal4j.proto.VolumePutFiles2Request;
import dev.modal4j.proto.VolumePutFiles2Response;
import dev.modal4j.testing.ModalEmulator;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VolumeFilesV2Test {
  private ModalEmulator emulator;
  private RawVolumes raw;
  private String vol;

  @BeforeEach
  void start() {
    emulator = ModalEmulator.builder().start();
    raw = new RawVolumes(emulator.inProcessChannel());
    vol = raw.volume("files-v2", 2);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void missingBlocksAreAnsweredWithPutUrlsThenTheFileIsWrittenAndReadBack() {
    byte[] small = "hello volume\n".getBytes(StandardCharsets.UTF_8);
    byte[] large = random(RawVolumes.BLOCK * 2 + 12345, 1);
    // a whole block of zeros in the middle and trailing zeros at the end of the last block
    java.util.Arrays.fill(large, RawVolumes.BLOCK, 2 * RawVolumes.BLOCK, (byte) 0);
    java.util.Arrays.fill(large, large.length - 100, large.length, (byte) 0);
    List<RawVolumes.Upload> files =
        List.of(
            RawVolumes.Upload.of("/small.txt", small),
            RawVolumes.Upload.of("dir/sub/large.bin", large));
    List<List<RawVolumes.Block>> blocks = files.stream().map(RawVolumes::blocks).toList();

    VolumePutFiles2Response first =
        raw.stub.volumePutFiles2(RawVolumes.request(vol, files, blocks, Map.of(), true, null));
    // the all-zero block hashes as empty content, which is never missing
    assertThat(first.getMissingBlocksList())
        .extracting(m -> m.getFileIndex() + ":" + m.getBlockIndex())
        .containsExactly("0:0", "1:0", "1:2");
    assertThat(raw.list2(vol, "", true)).isEmpty();

    Map<String, byte[]> receipts = new HashMap<>();
    for (VolumePutFiles2Response.MissingBlock m : first.getMissingBlocksList()) {
      RawVolumes.Upload u = files.get((int) m.getFileIndex());
      RawVolumes.Block b = blocks.get((int) m.getFileIndex()).get((int) m.getBlockIndex());
      RawVolumes.HttpResult r =
          RawVolumes.put(m.getPutUrl(), u.from().apply(b.start()), b.end() - b.start());
      assertThat(r.status()).isEqualTo(200);
      receipts.put(RawVolumes.hex(b.sha256()), r.body());
    }
    VolumePutFiles2Response second =
        raw.stub.volumePutFiles2(RawVolumes.request(vol, files, blocks, receipts, true, null));
    assertThat(second.getMissingBlocksList()).isEmpty();

    assertThat(raw.read(vol, "small.txt")).isEqualTo(small);
    assertThat(RawVolumes.sha256(raw.read(vol, "/dir/sub/large.bin")))
        .isEqualTo(RawVolumes.sha256(large));
    VolumeGetFile2Response meta =
        raw.stub.volumeGetFile2(
            VolumeGetFile2Request.newBuilder()
                .setVolumeId(vol)
                .setPath("dir/sub/large.bin")
                .build());
    assertThat(meta.getGetUrlsCount()).isEqualTo(3);
    assertThat(meta.getSize()).isEqualTo(large.length);
    assertThat(meta.getLen()).isEqualTo(large.length);

    List<FileEntry> all = raw.list2(vol, "/", true);
    assertThat(all)
        .extracting(FileEntry::getPath, FileEntry::getType)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("dir", FileEntry.FileType.DIRECTORY),
            org.assertj.core.groups.Tuple.tuple("dir/sub", FileEntry.FileType.DIRECTORY),
            org.assertj.core.groups.Tuple.tuple("dir/sub/large.bin", FileEntry.FileType.FILE),
            org.assertj.core.groups.Tuple.tuple("small.txt", FileEntry.FileType.FILE));
    assertThat(all.get(2).getSize()).isEqualTo(large.length);
    assertThat(all.get(3).getMtime()).isGreaterThan(1_600_000_000L);
    assertThat(raw.list2(vol, "", false))
        .extracting(FileEntry::getPath)
        .containsExactly("dir", "small.txt");
    assertThat(raw.list2(vol, "dir/sub/large.bin", false))
        .extracting(FileEntry::getPath)
        .containsExactly("dir/sub/large.bin");
  }

  @Test
  void aRangeIsServedAsOneUrlPerAlignedBlockItTouches() {
    byte[] large = random(RawVolumes.BLOCK * 2 + 10, 2);
    raw.putFiles2(vol, List.of(RawVolumes.Upload.of("r.bin", large)), true, null);
    long start = RawVolumes.BLOCK - 5;
    VolumeGetFile2Response resp =
        raw.stub.volumeGetFile2(
            VolumeGetFile2Request.newBuilder()
                .setVolumeId(vol)
                .setPath("r.bin")
                .setStart(start)
                .setLen(20)
                .build());
    assertThat(resp.getStart()).isEqualTo(start);
    assertThat(resp.getLen()).isEqualTo(20);
    assertThat(resp.getGetUrlsCount()).isEqualTo(2);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (String url : resp.getGetUrlsList()) {
      out.writeBytes(get(url));
    }
    assertThat(out.toByteArray())
        .isEqualTo(java.util.Arrays.copyOfRange(large, (int) start, (int) start + 20));
    VolumeGetFile2Response empty =
        raw.stub.volumeGetFile2(
            VolumeGetFile2Request.newBuilder()
                .setVolumeId(vol)
                .setPath("r.bin")
                .setStart(large.length)
                .build());
    assertThat(empty.getGetUrlsCount()).isZero();
    assertThat(empty.getLen()).isZero();
  }

  static byte[] get(String url) {
    try {
      java.net.HttpURLConnection c =
          (java.net.HttpURLConnection) java.net.URI.create(url).toURL().openConnection();
      try (java.io.InputStream in = c.getInputStream()) {
        return in.readAllBytes();
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aBlockWhoseBodyDoesNotMatchItsHashIsRefusedAndAForgedReceiptToo() {
    byte[] content = "the real block".getBytes(StandardCharsets.UTF_8);
    List<RawVolumes.Upload> files = List.of(RawVolumes.Upload.of("f.txt", content));
    List<List<RawVolumes.Block>> blocks = files.stream().map(RawVolumes::blocks).toList();
    VolumePutFiles2Response first =
        raw.stub.volumePutFiles2(RawVolumes.request(vol, files, blocks, Map.of(), true, null));
    String url = first.getMissingBlocks(0).getPutUrl();
    byte[] other = "another block!".getBytes(StandardCharsets.UTF_8);
    RawVolumes.HttpResult bad =
        RawVolumes.put(url, new java.io.ByteArrayInputStream(other), other.length);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.toString()).contains("BadDigest");
    assertThat(
            raw.stub
                .volumePutFiles2(RawVolumes.request(vol, files, blocks, Map.of(), true, null))
                .getMissingBlocksCount())
        .isEqualTo(1);

    Map<String, byte[]> forged =
        Map.of(
            RawVolumes.hex(blocks.get(0).get(0).sha256()),
            "modal4j-block-receipt:00".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(
            () ->
                raw.stub.volumePutFiles2(
                    RawVolumes.request(vol, files, blocks, forged, true, null)))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).contains("put_response");
            });
    assertThat(raw.list2(vol, "", true)).isEmpty();
  }

  @Test
  void overwritingIsRefusedUnlessForcedAndADirectoryIsNeverReplaced() {
    raw.putFiles2(vol, List.of(RawVolumes.Upload.of("a/x.txt", new byte[] {1})), true, null);
    assertThatThrownBy(
            () ->
                raw.putFiles2(
                    vol, List.of(RawVolumes.Upload.of("a/x.txt", new byte[] {2})), true, null))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS));
    assertThat(raw.read(vol, "a/x.txt")).containsExactly(1);
    raw.putFiles2(vol, List.of(RawVolumes.Upload.of("a/x.txt", new byte[] {2})), false, null);
    assertThat(raw.read(vol, "a/x.txt")).containsExactly(2);
    assertThatThrownBy(
            () ->
                raw.putFiles2(vol, List.of(RawVolumes.Upload.of("a", new byte[] {3})), false, null))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS));
  }

  @Test
  void maxEntriesLimitsAListingThatComesInBatches() throws Exception {
    Path dir = emulator.volumeFiles().directory(vol);
    for (int i = 0; i < 250; i++) {
      Files.writeString(dir.resolve(String.format("f%03d", i)), "x");
    }
    List<dev.modal4j.proto.VolumeListFiles2Response> batches = new java.util.ArrayList<>();
    raw.stub
        .volumeListFiles2(
            dev.modal4j.proto.VolumeListFiles2Request.newBuilder().setVolumeId(vol).build())
        .forEachRemaining(batches::add);
    assertThat(batches).extracting(b -> b.getEntriesCount()).containsExactly(100, 100, 50);
    List<FileEntry> limited = new java.util.ArrayList<>();
    raw.stub
        .volumeListFiles2(
            dev.modal4j.proto.VolumeListFiles2Request.newBuilder()
                .setVolumeId(vol)
                .setMaxEntries(7)
                .build())
        .forEachRemaining(b -> limited.addAll(b.getEntriesList()));
    assertThat(limited).extracting(FileEntry::getPath).first().isEqualTo("f000");
    assertThat(limited).hasSize(7);
  }

  @Test
  void theModeIsHonouredAndEmptyFilesNeedNoBlocks() throws Exception {
    raw.putFiles2(
        vol, List.of(RawVolumes.Upload.of("run.sh", "#!/bin/sh\n".getBytes())), true, 0755);
    int puts = raw.putFiles2(vol, List.of(RawVolumes.Upload.of("empty", new byte[0])), true, null);
    assertThat(puts).isZero();
    Path dir = emulator.volumeFiles().directory(vol);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("run.sh"))))
        .isEqualTo("rwxr-xr-x");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("empty"))))
        .isEqualTo("rw-r--r--");
    assertThat(Files.size(dir.resolve("empty"))).isZero();
    assertThat(raw.read(vol, "empty")).isEmpty();
  }

  @Test
  void aBlockListNotMatchingTheSizeAndPathsLeavingTheVolumeAreInvalid() {
    VolumePutFiles2Request wrongCount =
        VolumePutFiles2Request.newBuilder()
            .setVolumeId(vol)
            .addFiles(
                VolumePutFiles2Request.File.newBuilder()
                    .setPath("x")
                    .setSize(RawVolumes.BLOCK + 1L)
                    .addBlocks(
                        VolumePutFiles2Request.Block.newBuilder()
                            .setContentsSha256(ByteString.copyFrom(new byte[32]))))
            .build();
    assertThatThrownBy(() -> raw.stub.volumePutFiles2(wrongCount))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    assertThatThrownBy(
            () ->
                raw.putFiles2(
                    vol,
                    List.of(RawVolumes.Upload.of("a/../../etc/x", new byte[] {1})),
                    true,
                    null))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).contains("leaves the volume");
            });
    assertThatThrownBy(() -> raw.read(vol, "../x"))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
  }

  @Test
  void missingFilesAndVolumesAreNotFoundAndV1RpcsAreRefusedOnAV2Volume() {
    assertThatThrownBy(() -> raw.read(vol, "nope"))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    assertThatThrownBy(() -> raw.list2(vol, "nope", false))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    assertThatThrownBy(() -> raw.list2("vo-missing", "", false))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    assertThatThrownBy(() -> raw.list1(vol, "", false))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION));
  }
}
