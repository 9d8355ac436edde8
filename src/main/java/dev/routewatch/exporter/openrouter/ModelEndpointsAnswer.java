package dev.routewatch.exporter.openrouter;

/**
 * One answer of {@code GET /models/{author}/{slug}/endpoints}: its {@code data}, parsed, and in a
 * cluster the body it was parsed from. The body is what replicas share, and each parses it with
 * {@link #read}, so every replica renders the same answer the same way.
 *
 * @param data the parsed answer
 * @param body the body as OpenRouter sent it, not copied, never modified, when the client keeps
 *     bodies (in a cluster); null when it parsed the body as it arrived and kept none
 */
public record ModelEndpointsAnswer(ModelEndpoints data, byte[] body) {

  /**
   * Parses a body as the client does.
   *
   * @param maxEndpoints an answer with more endpoints is a {@link FailureReason#BAD_RESPONSE}
   */
  public static ModelEndpointsAnswer read(byte[] body, int maxEndpoints) throws UpstreamException {
    return new ModelEndpointsAnswer(AnswerParser.modelEndpoints(body, maxEndpoints), body);
  }
}
