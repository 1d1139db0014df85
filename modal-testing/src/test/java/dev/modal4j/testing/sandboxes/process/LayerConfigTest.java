package dev.modal4j.testing.sandboxes.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modal4j.testing.sandboxes.backend.ImageLayer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How the process backend reads an image's ENV and WORKDIR commands, as a container engine does.
 */
class LayerConfigTest {
  private static LayerConfig of(List<String>... layers) {
    return LayerConfig.of(
        java.util.Arrays.stream(layers).map(c -> new ImageLayer(c, Map.of())).toList(),
        Map.of("PATH", "/usr/bin:/bin"));
  }

  @Test
  void envFormsQuotesAndExpansionFollowTheDockerfileRules() {
    LayerConfig config =
        of(
            List.of(
                "ENV A=1 B=\"two words\" C='$A literal'",
                "env OLD the rest  of the line",
                "ENV PATH=/opt/tool/bin:$PATH D=${A}x E=${MISSING:-dflt} F=${A:+set} G=${MISSING:+set}"),
            List.of("ENV A=2 H=\\$A I=$A", "RUN echo ignored", "ENV J=a\\ b"));
    assertThat(config.env())
        .containsExactly(
            Map.entry("B", "two words"),
            Map.entry("C", "$A literal"),
            Map.entry("OLD", "the rest  of the line"),
            Map.entry("PATH", "/opt/tool/bin:/usr/bin:/bin"),
            Map.entry("D", "1x"),
            Map.entry("E", "dflt"),
            Map.entry("F", "set"),
            Map.entry("G", ""),
            Map.entry("A", "2"),
            Map.entry("H", "$A"),
            Map.entry("I", "1"),
            Map.entry("J", "a b"));
    assertThat(config.workdir()).isEmpty();
  }

  @Test
  void theLastWorkdirWinsAndARelativeOneResolvesAgainstTheOneBefore() {
    assertThat(of(List.of("WORKDIR /srv", "WORKDIR app"), List.of("WORKDIR sub/")).workdir())
        .contains("/srv/app/sub/");
    assertThat(of(List.of("ENV BASE=/data", "WORKDIR $BASE/in"), List.of()).workdir())
        .contains("/data/in");
    assertThat(of(List.of("WORKDIR /a"), List.of("WORKDIR /b")).workdir()).contains("/b");
    assertThat(of(List.of("WORKDIR rel")).workdir()).contains("/rel");
  }
}
