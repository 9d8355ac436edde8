package dev.routewatch.exporter.openrouter;

/** The client's own parser, for test code outside this package (the benchmarks). */
public final class Answers {

  private Answers() {}

  /** For testing only: an endpoints answer body as the exporter reads it, without a cap. */
  public static ModelEndpoints modelEndpoints(byte[] body) throws UpstreamException {
    return AnswerParser.modelEndpoints(body);
  }
}
