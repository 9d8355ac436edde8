package dev.routewatch.exporter.web;

import com.sun.net.httpserver.HttpExchange;
import dev.routewatch.exporter.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * HTTP basic authentication against the bcrypt hashes of {@code basic_auth_users}, as the
 * exporter-toolkit does it (its web/handler.go): an unknown user costs one bcrypt of a dummy hash
 * as a known one does, so timing tells no names apart; every failure gets the same 401; bcrypt runs
 * one at a time (it is meant to be slow); credentials that passed are remembered, so a scraper pays
 * for bcrypt once, not at every scrape.
 */
final class BasicAuth {

  /** RFC 7617: the realm is required; the charset says how to encode non-ASCII credentials. */
  static final String CHALLENGE = "Basic realm=\"openrouter-exporter\", charset=\"UTF-8\"";

  /**
   * Enough for every scraper of a few users; a full cache is emptied, not evicted entry by entry.
   */
  private static final int MAX_REMEMBERED = 64;

  private final Map<String, String> hashes;
  private final String dummyHash;
  private final ReentrantLock bcrypt = new ReentrantLock();

  /** SHA-256 of user, hash and password that passed; never a failure, which anyone can make. */
  private final Set<String> passed = ConcurrentHashMap.newKeySet();

  BasicAuth(Map<String, Secret> users) {
    this.hashes =
        users.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().reveal()));
    // The dummy costs as much as the dearest real hash. Its salt is random and its 31 characters
    // of hash match no password; checkpw only hashes with the salt and compares.
    int cost = hashes.values().stream().mapToInt(BasicAuth::cost).max().orElse(10);
    this.dummyHash = BCrypt.gensalt(cost) + ".".repeat(31);
  }

  private static int cost(String hash) {
    return Integer.parseInt(hash.substring(4, 6));
  }

  /** Whether the request carries the credentials of a configured user. */
  boolean admits(HttpExchange exchange) {
    Credentials credentials =
        Credentials.parse(exchange.getRequestHeaders().getFirst("Authorization"));
    if (credentials == null) {
      return false;
    }
    String known = hashes.get(credentials.user());
    String hash = known != null ? known : dummyHash;
    String remembered = digest(credentials.user(), hash, credentials.password());
    if (known != null && passed.contains(remembered)) {
      return true;
    }
    boolean matches;
    bcrypt.lock();
    try {
      // Compares in constant time; false for passwords over bcrypt's 72 bytes.
      matches = BCrypt.checkpw(credentials.password(), hash);
    } catch (IllegalArgumentException e) {
      matches = false; // the hashes were checked at start; this is for the unforeseen
    } finally {
      bcrypt.unlock();
      Arrays.fill(credentials.password(), (byte) 0);
    }
    if (matches && known != null) {
      if (passed.size() >= MAX_REMEMBERED) {
        passed.clear();
      }
      passed.add(remembered);
    }
    return matches && known != null;
  }

  private static String digest(String user, String hash, byte[] password) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(user.getBytes(StandardCharsets.UTF_8));
      sha256.update((byte) 0);
      sha256.update(hash.getBytes(StandardCharsets.US_ASCII));
      sha256.update((byte) 0);
      sha256.update(password);
      return HexFormat.of().formatHex(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
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
