package dev.routewatch.exporter.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Dockerfile, as far as it can be proven without a Docker engine: its shape, and the packaged
 * jar started with exactly the image's command line and JVM flags, answering its health check. Only
 * the paths inside the image are mapped to the test's (java, the jar, the configuration file).
 */
class DockerfileIT {

  private static final Path DOCKERFILE = Path.of("Dockerfile");
  private static final Path SHIPPED_CONFIG = Path.of("config/openrouter-exporter.yml");
  private static final Pattern PINNED_TEMURIN_17 =
      Pattern.compile("eclipse-temurin:17\\.\\d+\\.\\d+_\\d+-(jdk|jre)-[a-z]+");

  @TempDir Path dir;

  @Test
  void itBuildsWithTheMavenWrapperAndRunsOnAPinnedJre17() throws Exception {
    List<List<String>> stages = stages();
    assertThat(stages).hasSize(2);
    String build = stages.get(0).get(0);
    String run = stages.get(1).get(0);
    assertThat(build)
        .matches("FROM " + PINNED_TEMURIN_17.pattern() + " AS build")
        .contains("-jdk-");
    assertThat(run).matches("FROM " + PINNED_TEMURIN_17.pattern()).contains("-jre-");
    assertThat(stages.get(0)).anyMatch(line -> line.matches("RUN \\./mvnw -B .*package .*"));
    assertThat(stages.get(1))
        .contains(
            "COPY --from=build /src/target/openrouter-exporter.jar " + imagePath(".jar", "COPY"));
  }

  @Test
  void itRunsAsANonRootUserAndCarriesOciLabels() throws Exception {
    List<String> image = stages().get(1);
    String user = last(image, "USER");
    assertThat(user).matches("USER [1-9]\\d*:[1-9]\\d*");
    String labels = last(image, "LABEL");
    for (String key : List.of("title", "description", "version", "revision", "base.name")) {
      assertThat(labels).contains("org.opencontainers.image." + key + "=");
    }
    String pom = Files.readString(Path.of("pom.xml"));
    Matcher version =
        Pattern.compile(
                "<artifactId>openrouter-exporter</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(pom);
    assertThat(version.find()).isTrue();
    assertThat(image).contains("ARG VERSION=" + version.group(1));
  }

  @Test
  void itExposesThePortOfTheConfigurationItShipsAndChecksHealthThere() throws Exception {
    List<String> image = stages().get(1);
    assertThat(image).contains("EXPOSE 9877");
    assertThat(Files.readString(SHIPPED_CONFIG)).contains("listen_address: \":9877\"");
    assertThat(healthCheck()).anyMatch(part -> part.contains("/dev/tcp/127.0.0.1/9877"));
    assertThat(last(image, "HEALTHCHECK")).startsWith("HEALTHCHECK --interval=");
    String configPath = imagePath(".yml", "COPY");
    assertThat(image)
        .contains("COPY " + SHIPPED_CONFIG + " " + configPath)
        .anyMatch(line -> line.startsWith("CMD ") && line.contains("--config.file=" + configPath));
  }

  @Test
  void theJarRunsWithExactlyTheImagesCommandLineAndJvmFlagsAndPassesItsHealthCheck()
      throws Exception {
    List<String> command = new ArrayList<>();
    List<String> entrypoint = execForm("ENTRYPOINT");
    assertThat(entrypoint.get(0)).isEqualTo("java");
    command.add(ExporterProcess.java().toString());
    String jarInImage = imagePath(".jar", "ENTRYPOINT");
    String configInImage = imagePath(".yml", "CMD");
    try (FixtureUpstream upstream = new FixtureUpstream()) {
      Path config =
          Scrapes.writeConfig(dir, upstream.baseUrl(), List.of("moonshotai/kimi-k3"), "1h", "2h");
      for (String argument : entrypoint.subList(1, entrypoint.size())) {
        command.add(argument.equals(jarInImage) ? ExporterProcess.jar().toString() : argument);
      }
      for (String argument : execForm("CMD")) {
        command.add(argument.replace(configInImage, config.toString()));
      }
      assertThat(command).doesNotContain(jarInImage).noneMatch(a -> a.contains(configInImage));

      try (ExporterProcess exporter = ExporterProcess.startCommand(command)) {
        int port = exporter.port();
        Scrapes.awaitReady(port, Duration.ofSeconds(30));
        String metrics = Scrapes.metrics(port);
        assertThat(metrics)
            .contains("openrouter_up{model=\"moonshotai/kimi-k3\"} 1")
            .as("-XX:+UseSerialGC: the young collector is Serial's Copy")
            .contains("jvm_gc_collection_seconds_count{gc=\"Copy\"}");
        assertThat(heapShareOfMemory(metrics))
            .as("-XX:MaxRAMPercentage=75 (the default would be 25%)")
            .isBetween(0.6, 0.8);

        assertThat(runHealthCheck(port)).as("health check against the running jar").isZero();

        exporter.close();
        assertThat(exporter.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(runHealthCheck(port)).as("health check once it has stopped").isNotZero();
      }
    }
  }

  @Test
  void theReadmeRunsTheJarWithTheImagesJvmFlags() throws Exception {
    List<String> entrypoint = execForm("ENTRYPOINT");
    List<String> imageFlags = entrypoint.subList(1, entrypoint.indexOf("-jar"));

    assertThat(readmeJvmFlags()).isEqualTo(imageFlags);
  }

  /** The JVM flags of the README's command that runs the jar (the image's, as checked above). */
  static List<String> readmeJvmFlags() throws IOException {
    String run =
        Files.readAllLines(Path.of("README.md")).stream()
            .filter(
                line -> line.contains("java ") && line.contains("target/openrouter-exporter.jar"))
            .findFirst()
            .orElseThrow();
    String java = run.substring(run.indexOf("java ") + "java ".length(), run.indexOf(" -jar "));
    return List.of(java.split(" "));
  }

  private static double heapShareOfMemory(String metrics) {
    Matcher heap = Pattern.compile("jvm_memory_max_bytes\\{area=\"heap\"} (\\S+)").matcher(metrics);
    assertThat(heap.find()).as("jvm_memory_max_bytes heap").isTrue();
    long memory =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getTotalMemorySize();
    return Double.parseDouble(heap.group(1)) / memory;
  }

  /** Runs the HEALTHCHECK command, pointed at {@code port}; its exit code. */
  private static int runHealthCheck(int port) throws Exception {
    List<String> command = new ArrayList<>();
    for (String part : healthCheck()) {
      command.add(part.replace("/dev/tcp/127.0.0.1/9877", "/dev/tcp/127.0.0.1/" + port));
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    // The image gives it --timeout=5s.
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return -1;
    }
    return process.exitValue();
  }

  private static List<String> healthCheck() throws Exception {
    String instruction = last(stages().get(1), "HEALTHCHECK");
    return parseExecForm(instruction.substring(instruction.indexOf(" CMD ") + 5));
  }

  private static List<String> execForm(String keyword) throws Exception {
    String instruction = last(stages().get(1), keyword);
    return parseExecForm(instruction.substring(keyword.length() + 1));
  }

  private static List<String> parseExecForm(String json) throws Exception {
    assertThat(json).as("exec form").startsWith("[");
    return new ObjectMapper().readValue(json, new TypeReference<List<String>>() {});
  }

  /** The last path inside the image that the stage's {@code keyword} lines name: its target. */
  private static String imagePath(String suffix, String keyword) throws Exception {
    Pattern path = Pattern.compile("(/[\\w./-]+" + Pattern.quote(suffix) + ")");
    String found = null;
    for (String instruction : stages().get(1)) {
      if (instruction.startsWith(keyword + " ")) {
        Matcher matcher = path.matcher(instruction);
        while (matcher.find()) {
          found = matcher.group(1);
        }
      }
    }
    assertThat(found).as("a path ending in %s in a %s line", suffix, keyword).isNotNull();
    return found;
  }

  private static String last(List<String> stage, String keyword) {
    String found = null;
    for (String instruction : stage) {
      if (instruction.startsWith(keyword + " ")) {
        found = instruction;
      }
    }
    assertThat(found).as(keyword).isNotNull();
    return found;
  }

  /** The instructions, continuation lines joined and comments dropped, split into stages. */
  private static List<List<String>> stages() throws Exception {
    List<List<String>> stages = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(DOCKERFILE)) {
      String text = line.strip();
      if (current.length() == 0 && (text.isEmpty() || text.startsWith("#"))) {
        continue;
      }
      if (text.endsWith("\\")) {
        current.append(text, 0, text.length() - 1).append(' ');
        continue;
      }
      String instruction = current.append(text).toString().replaceAll("\\s+", " ");
      current.setLength(0);
      if (instruction.startsWith("FROM ")) {
        stages.add(new ArrayList<>());
      }
      assertThat(stages).as("an instruction before FROM: " + instruction).isNotEmpty();
      stages.get(stages.size() - 1).add(instruction);
    }
    return stages;
  }
}
