package dev.routewatch.exporter.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answers the server gives itself, to requests no handler sees (a malformed request line,
 * header or URI; a head too large) and to a handler that failed: like every other answer they carry
 * the configured headers and, with basic authentication, the challenge. The body is the status's
 * reason alone: nothing of the request and no stack trace.
 */
final class ErrorAnswers implements Request.Handler {

  private final Map<String, String> headers;
  private final boolean challenge;

  /**
   * @param challenge whether basic authentication is on, so that a client learns it from any answer
   */
  ErrorAnswers(Map<String, String> headers, boolean challenge) {
    this.headers = Map.copyOf(headers);
    this.challenge = challenge;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus();
    if (request.getAttribute(ErrorHandler.ERROR_EXCEPTION) instanceof HttpException failure) {
      status = failure.getCode();
      response.setStatus(status);
    }
    HttpFields.Mutable fields = response.getHeaders();
    headers.forEach(fields::put);
    if (challenge) {
      fields.put(HttpHeader.WWW_AUTHENTICATE, BasicAuth.CHALLENGE);
    }
    if (HttpStatus.hasNoBody(status) || request.getMethod().equals("HEAD")) {
      callback.succeeded();
      return true;
    }
    fields.put(HttpHeader.CONTENT_TYPE, Responses.TEXT);
    String reason = HttpStatus.getMessage(status);
    response.write(
        true, ByteBuffer.wrap((reason + "\n").getBytes(StandardCharsets.UTF_8)), callback);
    return true;
  }
}
