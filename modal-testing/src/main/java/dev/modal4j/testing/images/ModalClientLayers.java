package dev.modal4j.testing.images;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Dockerfile commands Modal's Python SDK adds to install Modal's own client requirements
 * ({@code Image.debian_slim()}, {@code from_registry(add_python=...)}, the requirements file it
 * sends as a context file, {@code pip_install} of packages the client needs). The emulator's base
 * image already has Python and runs no Modal client inside, and builds have no network: these
 * commands are satisfied by the base image instead of run. Any other command runs for real.
 */
final class ModalClientLayers {
  /** Where Modal's Python SDK puts its requirements file in the build context. */
  static final String REQUIREMENTS = "/modal_requirements.txt";

  private static final Set<String> EXACT =
      Set.of(
          "RUN apt-get update",
          "RUN apt-get install -y gcc gfortran build-essential",
          "RUN echo 'debconf debconf/frontend select Noninteractive' | debconf-set-selections",
          "RUN rm " + REQUIREMENTS,
          "COPY " + REQUIREMENTS + " " + REQUIREMENTS,
          "COPY /python/. /usr/local",
          "RUN ln -s /usr/local/bin/python3 /usr/local/bin/python");

  private static final Pattern PIP =
      Pattern.compile("RUN (?:python3? -m )?(?:uv )?pip install (.*)");

  /** The packaging tools and Modal client requirements a pip install of them is satisfied by. */
  private static final Set<String> CLIENT_PACKAGES =
      Set.of(
          "pip",
          "wheel",
          "uv",
          "setuptools",
          "modal",
          "aiohappyeyeballs",
          "aiohttp",
          "aiosignal",
          "async-timeout",
          "attrs",
          "cbor2",
          "certifi",
          "frozenlist",
          "grpclib",
          "h2",
          "hpack",
          "hyperframe",
          "idna",
          "multidict",
          "propcache",
          "protobuf",
          "typing-extensions",
          "yarl");

  private ModalClientLayers() {}

  /** Whether {@code command} is one of Modal's client set-up commands. */
  static boolean satisfied(String command) {
    String c = command.strip().replaceAll("\\s+", " ");
    if (EXACT.contains(c)) {
      return true;
    }
    var pip = PIP.matcher(c);
    if (!pip.matches()) {
      return false;
    }
    List<String> args = List.of(pip.group(1).split(" "));
    if (args.contains("-r") || args.stream().anyMatch(a -> a.startsWith("--requirement"))) {
      return args.contains(REQUIREMENTS) || args.contains("--requirement=" + REQUIREMENTS);
    }
    boolean any = false;
    for (String arg : args) {
      if (arg.startsWith("-")) {
        continue;
      }
      String name =
          arg.replaceAll("^[\"']|[\"']$", "")
              .split("[=<>!~;\\[ ]", 2)[0]
              .toLowerCase(Locale.ROOT)
              .replace('_', '-');
      if (!CLIENT_PACKAGES.contains(name)) {
        return false;
      }
      any = true;
    }
    return any;
  }
}
