package dev.routewatch.exporter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed certificates made in the test with the JDK's keytool (no key material is checked in),
 * written as the PEM files a web configuration names, plus SSL contexts for test clients.
 */
public final class TestCertificates {

  private static final char[] PASSWORD = "test-store".toCharArray();

  /** A key pair and its self-signed certificate, as PEM files and as a PKCS#12 store. */
  public record Issued(
      Path certFile, Path keyFile, Path store, X509Certificate certificate, PrivateKey key) {}

  private TestCertificates() {}

  /**
   * Runs {@code keytool -genkeypair} for {@code name} in {@code dir} with a SAN for localhost and
   * 127.0.0.1, and writes {@code name.crt} and {@code name.key} (PKCS#8) beside its store.
   *
   * @param keyAlgorithm RSA or EC
   */
  public static Issued issue(Path dir, String name, String keyAlgorithm)
      throws IOException, InterruptedException, GeneralSecurityException {
    Path store = dir.resolve(name + ".p12");
    Path java = Path.of(System.getProperty("java.home"));
    List<String> command =
        new ArrayList<>(
            List.of(
                java.resolve("bin").resolve("keytool").toString(),
                "-genkeypair",
                "-alias",
                name,
                "-keyalg",
                keyAlgorithm,
                "-dname",
                "CN=" + name,
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1,dns:" + name + ".test",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                new String(PASSWORD)));
    if (keyAlgorithm.equals("RSA")) {
      command.addAll(List.of("-keysize", "2048"));
    }
    Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output;
    try (InputStream in = keytool.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    KeyStore keys = load(store);
    X509Certificate certificate = (X509Certificate) keys.getCertificate(name);
    PrivateKey key = (PrivateKey) keys.getKey(name, PASSWORD);
    Path certFile = dir.resolve(name + ".crt");
    Path keyFile = dir.resolve(name + ".key");
    Files.writeString(certFile, pem("CERTIFICATE", certificate.getEncoded()));
    Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
    return new Issued(certFile, keyFile, store, certificate, key);
  }

  public static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /** A client context that trusts {@code server} only and, if given, presents {@code client}. */
  public static SSLContext clientContext(Issued server, Issued client)
      throws GeneralSecurityException, IOException {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("server", server.certificate());
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    KeyManagerFactory keys = null;
    if (client != null) {
      keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(load(client.store()), PASSWORD);
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
    return context;
  }

  private static KeyStore load(Path store) throws IOException, GeneralSecurityException {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, PASSWORD);
    }
    return keys;
  }
}
