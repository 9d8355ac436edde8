package dev.routewatch.exporter.openrouter;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.Protocol;
import okhttp3.Response;

/**
 * Keeps one answer's fault from reaching the next model's answer over a pooled HTTP/1.1 connection.
 * OkHttp returns such a connection to its pool as soon as the body's declared length has been read
 * (Http1ExchangeCodec's FixedLengthSource), without looking further: bytes an upstream sent past
 * it, a stray line end or a whole second answer, would be read as the answer to the next request on
 * it. So after every answer this closes the connection unless the answer was a 2xx read to its
 * declared end with nothing waiting behind it.
 *
 * <p>Why here: OkHttp fires {@code responseBodyEnd} before it releases the connection, so the call
 * still holds it alone and no other call can take it between the check and the close. Why close the
 * socket: it is public API, and the pool drops a closed connection instead of lending it (its
 * health check). {@code Connection: close} on every request would give the same safety without any
 * pooling, a TLS handshake per poll. HTTP/2 connections are left alone: frames delimit each answer,
 * and closing one would fail the other models' answers in flight on it.
 *
 * <p>One instance per call (see {@link #FACTORY}); OkHttp calls it on that call's thread.
 */
final class ConnectionHygiene extends EventListener {

  static final EventListener.Factory FACTORY = call -> new ConnectionHygiene();

  private Connection connection;
  private boolean connectedForThisCall;
  private boolean answerFailed;
  private long declaredLength;

  @Override
  public void connectEnd(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol) {
    connectedForThisCall = true;
  }

  @Override
  public void connectionAcquired(Call call, Connection connection) {
    this.connection = connection;
  }

  /**
   * A pooled connection on which bytes arrived while it sat idle has lost its framing too. Closed
   * just before the request goes out, the request fails to go out and OkHttp sends it again on a
   * new connection, as it does when a server closed a pooled connection. (Closed any earlier, the
   * call would fail: OkHttp sets the socket's timeout between the two events.)
   */
  @Override
  public void requestHeadersStart(Call call) {
    if (!connectedForThisCall && isHttp1(connection) && UnreadBytes.waitOn(connection)) {
      retire(connection);
    }
    connectedForThisCall = false;
  }

  @Override
  public void responseHeadersEnd(Call call, Response response) {
    answerFailed = !response.isSuccessful();
    declaredLength = declaredLength(response);
  }

  @Override
  public void responseBodyEnd(Call call, long byteCount) {
    if (!isHttp1(connection)) {
      return;
    }
    boolean readToItsEnd = declaredLength < 0 || byteCount == declaredLength;
    boolean bytesBehind = !answerFailed && readToItsEnd && UnreadBytes.waitOn(connection);
    if (bytesBehind) {
      AnswerFraming framing = call.request().tag(AnswerFraming.class);
      if (framing != null) {
        framing.bytesPastTheEnd();
      }
    }
    // Bytes in OkHttp's buffer go unseen if it can no longer be inspected: then no answer is clean.
    if (answerFailed || !readToItsEnd || bytesBehind || !UnreadBytes.bufferVisible()) {
      retire(connection);
    }
  }

  private static boolean isHttp1(Connection connection) {
    if (connection == null) {
      return false;
    }
    Protocol protocol = connection.protocol();
    return protocol != Protocol.HTTP_2 && protocol != Protocol.H2_PRIOR_KNOWLEDGE;
  }

  /** The body length the headers declare, or -1 when they declare none (chunked). */
  private static long declaredLength(Response response) {
    String value = response.header("Content-Length");
    try {
      return value == null ? -1 : Long.parseLong(value.strip());
    } catch (NumberFormatException unreadable) {
      return -1;
    }
  }

  private static void retire(Connection connection) {
    Socket socket = connection.socket();
    try {
      socket.close();
    } catch (IOException ignored) {
      // Nothing more can be done here; OkHttp ignores a failed close the same way (closeQuietly).
    }
  }
}
