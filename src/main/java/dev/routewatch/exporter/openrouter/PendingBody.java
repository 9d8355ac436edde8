package dev.routewatch.exporter.openrouter;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * The answer body of one call, arriving on an OkHttp thread: there the request is counted, a
 * failure classified and the body read up to the cap. The caller waits in {@link #await()}.
 */
final class PendingBody implements Callback {

  private final CompletableFuture<byte[]> body = new CompletableFuture<>();
  private final ApiRequestListener listener;
  private final long maxBytes;

  PendingBody(ApiRequestListener listener, long maxBytes) {
    this.listener = listener;
    this.maxBytes = maxBytes;
  }

  /**
   * @throws InterruptedException the caller was interrupted, or the call was canceled
   */
  byte[] await() throws UpstreamException, InterruptedException {
    try {
      return body.get();
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
    body.completeExceptionally(FailureClassifier.forIOException(e, call.isCanceled()));
  }

  @Override
  public void onResponse(Call call, Response response) {
    try (response) {
      countRequests(response);
      if (!response.isSuccessful()) {
        throw FailureClassifier.forStatus(response);
      }
      body.complete(readCapped(response.body()));
    } catch (IOException e) {
      body.completeExceptionally(FailureClassifier.forIOException(e, call.isCanceled()));
    } catch (UpstreamException e) {
      body.completeExceptionally(e);
    } catch (RuntimeException | Error e) {
      // OkHttp only logs what escapes a callback: the caller must hear of it, or it waits forever.
      body.completeExceptionally(e);
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

  private byte[] readCapped(ResponseBody body) throws IOException, UpstreamException {
    if (body.contentLength() > maxBytes) {
      throw tooLarge();
    }
    BufferedSource source = body.source();
    // request() buffers until it holds that many bytes or the body ends: at most one byte past
    // the cap is ever read.
    if (source.request(maxBytes + 1)) {
      throw tooLarge();
    }
    return source.getBuffer().readByteArray();
  }

  private UpstreamException tooLarge() {
    return FailureClassifier.badResponse("body larger than " + maxBytes + " bytes");
  }
}
