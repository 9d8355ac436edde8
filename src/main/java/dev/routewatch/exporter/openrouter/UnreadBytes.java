package dev.routewatch.exporter.openrouter;

import java.io.IOException;
import java.lang.reflect.Field;
import okhttp3.Connection;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether bytes wait to be read on an HTTP/1.1 connection between two answers, where a sound
 * upstream sends nothing. They wait in two places: the socket, which {@code available()} sees, and
 * the read buffer OkHttp fills from it a segment at a time, which OkHttp does not expose. That
 * buffer is read through OkHttp's private field, looked up once. If a later OkHttp renames it, a
 * warning says so and {@link #bufferVisible()} turns false, and callers treat every connection as
 * unclean (closed after each answer: safe, without pooling). ConnectionReuseTest fails then, as
 * clean answers stop sharing a connection.
 */
final class UnreadBytes {

  private static final Logger logger = LoggerFactory.getLogger(UnreadBytes.class);

  /** The name of RealConnection's field holding its buffered socket (OkHttp 5). */
  private static final String BUFFERED_SOCKET_FIELD = "socket";

  private static volatile Field bufferedSocket;
  private static volatile boolean bufferHidden;

  private UnreadBytes() {}

  /** True when bytes are seen waiting; see {@link #bufferVisible()} for what can be seen. */
  static boolean waitOn(Connection connection) {
    try {
      if (connection.socket().getInputStream().available() > 0) {
        return true;
      }
    } catch (IOException closed) {
      return false; // Nothing more can be read from it; the pool drops a closed socket.
    }
    BufferedSource buffered = bufferedSource(connection);
    return buffered != null && buffered.getBuffer().size() > 0;
  }

  /** Whether {@link #waitOn} sees OkHttp's read buffer, not only the socket. */
  static boolean bufferVisible() {
    return !bufferHidden;
  }

  private static BufferedSource bufferedSource(Connection connection) {
    if (bufferHidden) {
      return null;
    }
    try {
      Field field = bufferedSocket;
      if (field == null) {
        field = connection.getClass().getDeclaredField(BUFFERED_SOCKET_FIELD);
        field.setAccessible(true);
        bufferedSocket = field;
      }
      if (field.get(connection) instanceof okio.Socket socket
          && socket.getSource() instanceof BufferedSource source) {
        return source;
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Falls through to the warning: the field moved or cannot be opened.
    }
    bufferHidden = true;
    logger.warn(
        "Cannot inspect OkHttp's connection buffer (OkHttp changed): HTTP/1.1 connections to the"
            + " API are closed after each answer, which costs a new connection per request");
    return null;
  }
}
