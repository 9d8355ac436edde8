package dev.routewatch.exporter.openrouter;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import okhttp3.HttpUrl;
import okhttp3.Response;

/**
 * Every way a call can fail, mapped to its {@link FailureReason} in this one place. Messages name
 * only the status, the kind of fault or a JSON path, and carry no cause: OkHttp's and Jackson's
 * messages can quote bytes of the answer, and a message here must never show a body, a header or
 * the key.
 */
final class FailureClassifier {

  private static final int NOT_FOUND = 404;
  private static final int TOO_MANY_REQUESTS = 429;
  private static final Pattern DELAY_SECONDS = Pattern.compile("[0-9]+");

  /**
   * Names in an error path are our records' property names today (Jackson leaves unknown fields and
   * Pricing's keys out); this keeps any other upstream text out of a message if that changes.
   */
  private static final Pattern SAFE_NAME = Pattern.compile("[a-z0-9_]{1,64}");

  private FailureClassifier() {}

  /** A response with a status other than 2xx. */
  static UpstreamException forStatus(Response response) {
    int code = response.code();
    return new UpstreamException(reason(code), "HTTP " + code, retryAfter(response));
  }

  /** The reason for a status other than 2xx. */
  static FailureReason reason(int code) {
    return switch (code) {
      // OpenRouter answers 429 when the key or account is rate limited
      // (https://openrouter.ai/docs/api-reference/limits): a budget set too high, not an outage.
      case TOO_MANY_REQUESTS -> FailureReason.RATE_LIMITED;
      // A model OpenRouter does not list (delisted, or a mistyped id): the model is gone, the
      // exporter is fine.
      case NOT_FOUND -> FailureReason.NOT_FOUND;
      default -> FailureReason.HTTP_ERROR;
    };
  }

  /**
   * {@code Retry-After} in seconds or as an HTTP date (RFC 9110 section 10.2.3), measured from when
   * the answer arrived, as asked: however long, for the budget to cap; zero for a date past; null
   * when absent or unreadable.
   */
  static Duration retryAfter(Response response) {
    String value = response.header("Retry-After");
    if (value == null) {
      return null;
    }
    String seconds = value.strip();
    if (DELAY_SECONDS.matcher(seconds).matches()) {
      try {
        return Duration.ofSeconds(Long.parseLong(seconds));
      } catch (NumberFormatException beyondLong) {
        // Any number of digits is a valid delay (RFC 9110); one this long means "longer than any".
        return Duration.ofSeconds(Long.MAX_VALUE);
      }
    }
    Date date = response.headers().getDate("Retry-After");
    if (date == null) {
      return null;
    }
    Duration wait = Duration.ofMillis(date.getTime() - response.receivedResponseAtMillis());
    return wait.isNegative() ? Duration.ZERO : wait;
  }

  /**
   * A call that ended without a complete answer: an {@link UpstreamException}, or an {@link
   * InterruptedException} when the call was canceled ({@link OpenRouterClient#cancelAll()}, an
   * interrupted caller, a closed client). Then the exporter is stopping, which is no upstream
   * failure.
   *
   * @param canceled whether the call was canceled (OkHttp's call timeout cancels it too)
   * @param url what was asked for: the message names its host (never its query, never a header)
   */
  static Exception forIOException(IOException e, boolean canceled, HttpUrl url) {
    if (isTimeout(e)) {
      return new UpstreamException(FailureReason.TIMEOUT, "timed out waiting for " + url.host());
    }
    // A closed client's dispatcher rejects a new call with InterruptedIOException.
    if (canceled || e instanceof InterruptedIOException) {
      return new InterruptedException("call canceled");
    }
    return new UpstreamException(FailureReason.IO_ERROR, fault(e, url));
  }

  /** A 2xx answer whose body Jackson could not read as the answer we expect. */
  static UpstreamException forUnreadableJson(IOException e) {
    String at = e instanceof JsonMappingException mapping ? " at " + path(mapping.getPath()) : "";
    if (causedBy(e, StreamConstraintsException.class)) {
      return badResponse("JSON beyond parser limits" + at);
    }
    if (causedBy(e, JsonParseException.class)) {
      return badResponse("malformed JSON" + at);
    }
    return badResponse("unexpected JSON" + at);
  }

  /** A 2xx answer that is not the answer we expect, for a reason named by {@code fault}. */
  static UpstreamException badResponse(String fault) {
    return new UpstreamException(FailureReason.BAD_RESPONSE, fault);
  }

  /**
   * Connect and read timeouts are SocketTimeoutExceptions; OkHttp's call timeout cancels the call
   * and throws a plain InterruptedIOException("timeout").
   */
  private static boolean isTimeout(IOException e) {
    return e instanceof SocketTimeoutException
        || (e instanceof InterruptedIOException && "timeout".equals(e.getMessage()));
  }

  /** What failed and its likely cause, in our words: the exception's own may quote the answer. */
  private static String fault(IOException e, HttpUrl url) {
    String host = url.host();
    String address = host + ":" + url.port();
    if (e instanceof UnknownHostException) {
      return "cannot resolve "
          + host
          + " (DNS failure or no network; behind a proxy, set"
          + " -Dhttps.proxyHost)";
    }
    if (causedBy(e, NoRouteToHostException.class)) {
      return "no route to " + address + " (no network, or a firewall)";
    }
    if (e instanceof ConnectException) {
      return "cannot connect to "
          + address
          + " (connection refused or no network; behind a"
          + " proxy, set -Dhttps.proxyHost)";
    }
    // OkHttp's words for a proxy that would not open the tunnel; they hold the status only.
    if (e.getMessage() != null
        && e.getMessage().startsWith("Unexpected response code for CONNECT")) {
      return "the proxy refused to connect to " + address;
    }
    if (e instanceof SSLException) {
      return "TLS failure with " + host;
    }
    return "no complete answer (" + e.getClass().getSimpleName() + ")";
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String path(List<JsonMappingException.Reference> references) {
    StringBuilder path = new StringBuilder("$");
    for (JsonMappingException.Reference reference : references) {
      String name = reference.getFieldName();
      if (name != null) {
        path.append('.').append(SAFE_NAME.matcher(name).matches() ? name : "?");
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }
}
