package dev.routewatch.exporter.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one logging set-up: promslog-style lines on standard error, at {@code --log.level} in {@code
 * --log.format}. Logback finds this class as its configurator (META-INF/services), so that every
 * line, from Main's first to a unit test's, has the layout; {@link #apply} then sets the flags.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class Logging extends ContextAwareBase implements Configurator {

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    configure(context, Level.INFO, "logfmt");
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /**
   * Sets {@code --log.level} (debug, info, warn, error) and {@code --log.format} (logfmt, json).
   */
  public static void apply(String level, String format) {
    configure((LoggerContext) LoggerFactory.getILoggerFactory(), Level.toLevel(level), format);
  }

  private static void configure(LoggerContext context, Level level, String format) {
    context.reset();
    LayoutBase<ILoggingEvent> layout =
        format.equals("json") ? new JsonLayout() : new LogfmtLayout();
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setCharset(StandardCharsets.UTF_8);
    encoder.setLayout(layout);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("stderr");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();

    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(level);
    root.addAppender(stderr);
    // Quartz announces its set-up at info in a dozen lines; its warnings still show.
    context.getLogger("org.quartz").setLevel(Level.WARN);
    // Jetty, the web server, only warns: its info lines are a start-up banner, and its debug lines
    // copy request heads, Authorization included.
    context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
  }
}
