package dev.routewatch.exporter.it;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * The exporter under test: a {@link FixtureUpstream}, a configuration file pointing at it, and the
 * packaged jar started on that file. Registered on a static field, it starts once before the class
 * and stops after it; on an instance field, around each test. Exporters a test starts itself with
 * {@link #start(String...)} stop after that test. A failing test gets the exporter's log attached.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ExporterExtension exporter =
 *     ExporterExtension.builder().models("moonshotai/kimi-k3").flags("--log.level=debug").build();
 * }</pre>
 */
final class ExporterExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        TestExecutionExceptionHandler {

  /** Writes the exporter's configuration file into {@code dir} for an upstream at a base URL. */
  @FunctionalInterface
  interface ConfigWriter {
    Path write(Path dir, String baseUrl) throws IOException;
  }

  /** Sets up the upstream's answers before the exporter first polls it. */
  @FunctionalInterface
  interface UpstreamSetUp {
    void apply(FixtureUpstream upstream) throws IOException;
  }

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private final Builder settings;
  private boolean perClass;
  private Path dir;
  private FixtureUpstream upstream;
  private Path config;
  private Path webConfig;
  private ExporterProcess main;
  private final List<ExporterProcess> startedByTest = new ArrayList<>();

  private ExporterExtension(Builder settings) {
    this.settings = settings;
  }

  static Builder builder() {
    return new Builder();
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    perClass = true;
    startAll();
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    if (!perClass) {
      startAll();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    stopStartedByTest();
    if (!perClass) {
      stopAll();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    stopAll();
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    List<ExporterProcess> running = new ArrayList<>(startedByTest);
    if (main != null) {
      running.add(0, main);
    }
    for (ExporterProcess exporter : running) {
      failure.addSuppressed(new AssertionError("exporter log:\n" + exporter.output()));
    }
    throw failure;
  }

  private void startAll() throws Exception {
    dir = Files.createTempDirectory("exporter-it");
    upstream = new FixtureUpstream();
    try {
      settings.upstreamSetUp.apply(upstream);
      config = settings.configWriter.write(dir, upstream.baseUrl());
      if (settings.webConfig != null) {
        webConfig = Files.writeString(dir.resolve("web.yml"), settings.webConfig);
      }
      if (settings.startBeforeTests) {
        main = launch(config);
      }
    } catch (Exception | AssertionError e) {
      stopAll();
      throw e;
    }
  }

  private void stopStartedByTest() {
    startedByTest.forEach(ExporterProcess::close);
    startedByTest.clear();
  }

  private void stopAll() throws IOException {
    stopStartedByTest();
    if (main != null) {
      main.close();
      main = null;
    }
    if (upstream != null) {
      upstream.close();
      upstream = null;
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
      dir = null;
    }
  }

  /**
   * Starts another exporter on the same configuration, upstream and environment, with the built
   * flags and then {@code moreFlags}; it stops after the current test (or may be closed earlier).
   */
  ExporterProcess start(String... moreFlags) throws Exception {
    return startOn(config, moreFlags);
  }

  /** As {@link #start}, on a configuration file of the test's own (e.g. in {@link #dir()}). */
  ExporterProcess startOn(Path configFile, String... moreFlags) throws Exception {
    ExporterProcess exporter = launch(configFile, moreFlags);
    startedByTest.add(exporter);
    return exporter;
  }

  private ExporterProcess launch(Path configFile, String... moreFlags) throws Exception {
    List<String> flags = new ArrayList<>();
    flags.add("--config.file=" + configFile);
    if (webConfig != null) {
      flags.add("--web.config.file=" + webConfig);
    }
    flags.addAll(settings.flags);
    flags.addAll(List.of(moreFlags));
    ExporterProcess exporter =
        ExporterProcess.start(settings.jvmOptions, settings.env, flags.toArray(String[]::new));
    if (settings.awaitReady) {
      try {
        Scrapes.awaitReady(exporter.port(), READY_TIMEOUT);
      } catch (Exception | AssertionError e) {
        exporter.close();
        throw e;
      }
    }
    return exporter;
  }

  /** The exporter started before the tests. */
  ExporterProcess process() {
    if (main == null) {
      throw new IllegalStateException("built with startedByTests(): call start()");
    }
    return main;
  }

  int port() {
    return process().port();
  }

  /** Everything the exporter has logged so far. */
  String output() {
    return process().output();
  }

  String metrics() throws IOException, InterruptedException {
    return Scrapes.metrics(port());
  }

  HttpResponse<String> get(String path, String... headers)
      throws IOException, InterruptedException {
    return Scrapes.get(port(), path, headers);
  }

  FixtureUpstream upstream() {
    return upstream;
  }

  /** The configuration file the exporters run on. */
  Path config() {
    return config;
  }

  /** A temporary folder of the extension's, removed when the exporter stops. */
  Path dir() {
    return dir;
  }

  static final class Builder {
    private Collection<String> models = FixtureUpstream.MODELS;
    private String interval = "1h";
    private String staleAfter = "2h";
    private String extraYaml = "";
    private ConfigWriter configWriter;
    private String webConfig;
    private UpstreamSetUp upstreamSetUp = upstream -> {};
    private final List<String> flags = new ArrayList<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private final Map<String, String> env = new HashMap<>();
    private boolean startBeforeTests = true;
    private boolean awaitReady;

    private Builder() {}

    /** The models polled; every capture and the synthetic payload unless told. */
    Builder models(String... models) {
      return models(List.of(models));
    }

    Builder models(Collection<String> models) {
      this.models = List.copyOf(models);
      return this;
    }

    /** {@code poll.interval} and {@code poll.stale_after}; 1h and 2h (one poll) unless told. */
    Builder pollEvery(String interval, String staleAfter) {
      this.interval = interval;
      this.staleAfter = staleAfter;
      return this;
    }

    /** YAML appended to the configuration file {@link Scrapes#writeConfig} writes. */
    Builder appendConfig(String yaml) {
      this.extraYaml = yaml;
      return this;
    }

    /** A configuration file of the test's own instead of the one {@link Scrapes} writes. */
    Builder config(ConfigWriter writer) {
      this.configWriter = writer;
      return this;
    }

    /** The {@code --web.config.file} the exporters run with. */
    Builder webConfig(String yaml) {
      this.webConfig = yaml;
      return this;
    }

    Builder upstream(UpstreamSetUp setUp) {
      this.upstreamSetUp = setUp;
      return this;
    }

    Builder flags(String... flags) {
      this.flags.addAll(List.of(flags));
      return this;
    }

    Builder jvmOptions(String... options) {
      this.jvmOptions.addAll(List.of(options));
      return this;
    }

    Builder env(String name, String value) {
      this.env.put(name, value);
      return this;
    }

    /** Waits until /-/ready answers 200 after each start, not only until the port listens. */
    Builder awaitReady() {
      this.awaitReady = true;
      return this;
    }

    /** Starts no exporter before the tests: each test starts its own with {@link #start}. */
    Builder startedByTests() {
      this.startBeforeTests = false;
      return this;
    }

    ExporterExtension build() {
      if (configWriter == null) {
        Collection<String> polled = models;
        String every = interval;
        String stale = staleAfter;
        String extra = extraYaml;
        configWriter =
            (dir, baseUrl) -> {
              Path file = Scrapes.writeConfig(dir, baseUrl, polled, every, stale);
              Files.writeString(file, Files.readString(file) + extra);
              return file;
            };
      }
      return new ExporterExtension(this);
    }
  }
}
