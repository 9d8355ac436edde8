package dev.routewatch.exporter.openrouter;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Headers;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import okio.Okio;

/**
 * The answer of one call, arriving on an OkHttp thread: there the request is counted, a failure
 * classified and the body read up to the cap by a {@link Reader}, which parses it as it arrives.
 * The caller waits in {@link #await()}.
 */
final class PendingBody<T> implements Callback {

  /** Turns a body into an answer, reading it as it arrives; the headers came before it. */
  @FunctionalInterface
  interface Reader<T> {
    T read(BufferedSource body, Headers headers) throws IOException, UpstreamException;
  }

  private final CompletableFuture<T> answer = new CompletableFuture<>();
  private final ApiRequestListener listener;
  private final long maxBytes;
  private final Reader<T> reader;

  PendingBody(ApiRequestListener listener, long maxBytes, Reader<T> reader) {
    this.listener = listener;
    this.maxBytes = maxBytes;
    this.reader = reader;
  }

  /**
   * @throws InterruptedException the caller was interrupted, or the call was canceled
   */
  T await() throws UpstreamException, InterruptedException {
    try {
      return answer.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof UpstreamException failure) {
        throw failure;
      }
      if (cause instanceof InterruptedException canceled) {
        throw canceled;
      }
      if (cause instanceof RuntimeException bug) {
        throw bug;
      }
      throw new IllegalStateException(cause);
    }
  }

  @Override
  public void onFailure(Call call, IOException e) {
    listener.requestCompleted(ApiRequestListener.NO_RESPONSE);
    answer.completeExceptionally(
        FailureClassifier.forIOException(e, call.isCanceled(), call.request().url()));
  }

  @Override
  public void onResponse(Call call, Response response) {
    try (response) {
      countRequests(response);
      if (!response.isSuccessful()) {
        throw FailureClassifier.forStatus(response);
      }
      answer.complete(readCapped(response.body(), response.headers()));
    } catch (CappedSource.TooLargeException e) {
      answer.completeExceptionally(FailureClassifier.badResponse(e.getMessage()));
    } catch (IOException e) {
      answer.completeExceptionally(
          FailureClassifier.forIOException(e, call.isCanceled(), call.request().url()));
    } catch (UpstreamException e) {
      answer.completeExceptionally(e);
    } catch (RuntimeException | Error e) {
      // OkHttp only logs what escapes a callback: the caller must hear of it, or it waits forever.
      answer.completeExceptionally(e);
      throw e;
    }
  }

  /**
   * Tells the listener once per HTTP request sent. OkHttp repeats some requests by itself (after a
   * 408, or a 503 with "Retry-After: 0") and keeps the earlier answers as prior responses.
   */
  private void countRequests(Response response) {
    for (Response sent = response; sent != null; sent = sent.priorResponse()) {
      listener.requestCompleted(Integer.toString(sent.code()));
    }
  }

  private T readCapped(ResponseBody body, Headers headers) throws IOException, UpstreamException {
    // Refused before a byte of it is read.
    if (body.contentLength() > maxBytes) {
      throw new CappedSource.TooLargeException(maxBytes);
    }
    CappedSource capped = new CappedSource(body.source(), maxBytes);
    try {
      return reader.read(Okio.buffer(capped), headers);
    } catch (IOException | UpstreamException e) {
      // The parser sees a broken connection or the cap as the end of its input: the reading's own
      // failure says what happened.
      if (capped.failure() != null) {
        throw capped.failure();
      }
      throw e;
    }
  }
}
