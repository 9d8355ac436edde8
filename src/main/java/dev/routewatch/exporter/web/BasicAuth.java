package dev.routewatch.exporter.web;

import com.sun.net.httpserver.HttpExchange;
import dev.routewatch.exporter.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * HTTP basic authentication against the bcrypt hashes of {@code basic_auth_users}, as the
 * exporter-toolkit does it (its web/handler.go): an unknown user costs one bcrypt of a dummy hash
 * as a known one does, so timing tells no names apart; every failure gets the same 401. Credentials
 * that passed are remembered, so a scraper pays for bcrypt once, not at every scrape.
 *
 * <p>bcrypt is meant to be slow, and anyone can ask for one: one runs at a time, and a request that
 * finds it taken is told to come back ({@link Verdict#BUSY}) instead of waiting for it. A flood of
 * wrong passwords then holds no web thread and keeps no remembered scraper waiting.
 */
final class BasicAuth {

  /** RFC 7617: the realm is required; the charset says how to encode non-ASCII credentials. */
  static final String CHALLENGE = "Basic realm=\"openrouter-exporter\", charset=\"UTF-8\"";

  /**
   * Enough for every scraper of a few users; a full cache is emptied, not evicted entry by entry.
   */
  private static final int MAX_REMEMBERED = 64;

  private static final String MAC = "HmacSHA256";

  /** What a request's credentials come to. */
  enum Verdict {
    ADMITTED,
    REFUSED,
    /** Not checked: a bcrypt was running; nothing is said about the credentials. */
    BUSY
  }

  private final Map<String, String> hashes;
  private final String dummyHash;
  private final Semaphore bcrypt;

  /**
   * HMAC-SHA256 of user, hash and password that passed, under a random key made at start and never
   * written anywhere: an entry copied out alone cannot be checked against guesses. Never a failure,
   * which anyone can make.
   */
  private final Set<String> passed = ConcurrentHashMap.newKeySet();

  private final SecretKeySpec rememberKey;

  BasicAuth(Map<String, Secret> users) {
    this(users, new Semaphore(1));
  }

  /** For testing only: {@code bcrypt} holds the one permit a password check needs. */
  BasicAuth(Map<String, Secret> users, Semaphore bcrypt) {
    this.bcrypt = bcrypt;
    this.hashes =
        users.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().reveal()));
    // The dummy costs as much as the dearest real hash. Its salt is random and its 31 characters
    // of hash match no password; checkpw only hashes with the salt and compares.
    int cost = hashes.values().stream().mapToInt(BasicAuth::cost).max().orElse(10);
    this.dummyHash = BCrypt.gensalt(cost) + ".".repeat(31);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    this.rememberKey = new SecretKeySpec(key, MAC);
  }

  private static int cost(String hash) {
    return Integer.parseInt(hash.substring(4, 6));
  }

  /** Whether the request carries the credentials of a configured user, if that was checked. */
  Verdict check(HttpExchange exchange) {
    Credentials credentials =
        Credentials.parse(exchange.getRequestHeaders().getFirst("Authorization"));
    if (credentials == null) {
      return Verdict.REFUSED;
    }
    try {
      return check(credentials);
    } finally {
      Arrays.fill(credentials.password(), (byte) 0);
    }
  }

  Verdict check(Credentials credentials) {
    String known = hashes.get(credentials.user());
    String hash = known != null ? known : dummyHash;
    // Computed and looked up for unknown users too, so that both take the same time.
    String remembered = remembered(credentials.user(), hash, credentials.password());
    if (passed.contains(remembered) && known != null) {
      return Verdict.ADMITTED;
    }
    if (!bcrypt.tryAcquire()) {
      return Verdict.BUSY;
    }
    boolean matches;
    try {
      // Compares in constant time; false for passwords over bcrypt's 72 bytes.
      matches = BCrypt.checkpw(credentials.password(), hash);
    } catch (IllegalArgumentException e) {
      matches = false; // the hashes were checked at start; this is for the unforeseen
    } finally {
      bcrypt.release();
    }
    if (!matches || known == null) {
      return Verdict.REFUSED;
    }
    if (passed.size() >= MAX_REMEMBERED) {
      passed.clear();
    }
    passed.add(remembered);
    return Verdict.ADMITTED;
  }

  private String remembered(String user, String hash, byte[] password) {
    try {
      Mac mac = Mac.getInstance(MAC);
      mac.init(rememberKey);
      mac.update(user.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      mac.update(hash.getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) 0);
      mac.update(password);
      return HexFormat.of().formatHex(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has " + MAC, e);
    }
  }

  /** The user and password of an {@code Authorization: Basic} header (RFC 7617). */
  record Credentials(String user, byte[] password) {

    /** Null when the header is absent or not well-formed basic credentials. */
    static Credentials parse(String header) {
      if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
        return null;
      }
      byte[] decoded;
      try {
        decoded = Base64.getDecoder().decode(header.substring(6).strip());
      } catch (IllegalArgumentException e) {
        return null;
      }
      for (int i = 0; i < decoded.length; i++) {
        if (decoded[i] == ':') {
          String user = new String(decoded, 0, i, StandardCharsets.UTF_8);
          byte[] password = Arrays.copyOfRange(decoded, i + 1, decoded.length);
          Arrays.fill(decoded, (byte) 0);
          return new Credentials(user, password);
        }
      }
      return null;
    }
  }
}
