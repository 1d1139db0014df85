package dev.modal4j.internal.volumes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modal4j.InvalidException;
import dev.modal4j.proto.VolumeGetFile2Response;
import org.junit.jupiter.api.Test;

class VolumePathsTest {
  private static final long MIB = 1 << 20;

  @Test
  void globSuffixesAreRefusedWhenListing() {
    assertThat(VolumePaths.listing("/data", "path")).isEqualTo("/data");
    assertThat(VolumePaths.listing("", "path")).isEmpty();
    assertThatThrownBy(() -> VolumePaths.listing("/data/**", "path"))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("path")
        .hasMessageContaining("recursive");
    assertThatThrownBy(() -> VolumePaths.listing("/data/*", "path"))
        .isInstanceOf(InvalidException.class)
        .hasMessageContaining("'*'");
  }

  @Test
  void uploadTargetsNameAFileAndAreNormalised() {
    assertThat(VolumePaths.uploadTarget("//a/./b//c.txt", "remotePath")).isEqualTo("/a/b/c.txt");
    assertThat(VolumePaths.uploadTarget("a/b", "remotePath")).isEqualTo("a/b");
    for (String bad : new String[] {"/a/", "/", " ", ".", "a\0b"}) {
      assertThatThrownBy(() -> VolumePaths.uploadTarget(bad, "remotePath"))
          .as(bad)
          .isInstanceOf(InvalidException.class)
          .hasMessageContaining("remotePath");
    }
    assertThat(VolumePaths.uploadDirectory("/d/", "remotePath")).isEqualTo("/d");
    assertThat(VolumePaths.normalize("/")).isEqualTo("/");
  }

  @Test
  void blockLengthsFollowTheAlignedBlocksOfTheRange() {
    VolumeGetFile2Response whole =
        VolumeGetFile2Response.newBuilder()
            .addGetUrls("u0")
            .addGetUrls("u1")
            .addGetUrls("u2")
            .setStart(0)
            .setLen(20 * MIB)
            .build();
    assertThat(VolumeFiles.blockLengths(whole)).containsExactly(8 * MIB, 8 * MIB, 4 * MIB);
    VolumeGetFile2Response range =
        VolumeGetFile2Response.newBuilder()
            .addGetUrls("u0")
            .addGetUrls("u1")
            .setStart(3 * MIB)
            .setLen(10 * MIB)
            .build();
    assertThat(VolumeFiles.blockLengths(range)).containsExactly(5 * MIB, 5 * MIB);
  }
}
