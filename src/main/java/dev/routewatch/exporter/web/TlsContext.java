package dev.routewatch.exporter.web;

import dev.routewatch.exporter.config.WebConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The server's TLS from {@code tls_server_config}: its key and chain, the versions and cipher
 * suites, and the client certificate policy with Go's meanings
 * (https://pkg.go.dev/crypto/tls#ClientAuthType): RequestClientCert and RequireAnyClientCert take
 * any certificate, the Verify ones only those that chain to client_ca_file.
 */
final class TlsContext {

  private static final Pattern IP_LITERAL =
      Pattern.compile("(\\d{1,3}\\.){3}\\d{1,3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private TlsContext() {}

  /**
   * The connector's TLS: our own context, and only the versions and suites configured. Jetty's
   * default exclusions are cleared so that the JDK's own policy (jdk.tls.disabledAlgorithms) alone
   * refuses what is unsafe, as for any JDK server: a configured suite is offered or refused by the
   * JDK, never dropped silently.
   */
  static SslContextFactory.Server factory(WebConfig.Tls tls) throws IOException {
    SSLContext context;
    try {
      context = SSLContext.getInstance("TLS");
      context.init(keyManagers(tls), trustManagers(tls), null);
    } catch (GeneralSecurityException e) {
      // The loader checked the key, the chain and the CAs; this is for the unforeseen.
      throw new IOException("cannot set up TLS: " + e.getClass().getSimpleName());
    }
    SslContextFactory.Server factory = new SslContextFactory.Server();
    factory.setSslContext(context);
    factory.setExcludeProtocols();
    factory.setExcludeCipherSuites();
    factory.setIncludeProtocols(tls.protocols().toArray(String[]::new));
    if (!tls.cipherSuites().isEmpty()) {
      // Jetty reads each as a pattern; suite names hold no pattern characters.
      factory.setIncludeCipherSuites(
          cipherSuites(context.getDefaultSSLParameters(), tls.cipherSuites()));
    }
    factory.setUseCipherSuitesOrder(tls.preferServerCipherSuites());
    factory.setNeedClientAuth(tls.clientAuth().need());
    factory.setWantClientAuth(tls.clientAuth().want() && !tls.clientAuth().need());
    return factory;
  }

  /**
   * The configured suites, then the TLS 1.3 ones: as in Go, cipher_suites applies to TLS 1.2 and
   * older, and TLS 1.3 keeps its own.
   */
  private static String[] cipherSuites(SSLParameters defaults, List<String> configured) {
    List<String> suites = new ArrayList<>(configured);
    for (String suite : defaults.getCipherSuites()) {
      if (suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_")) {
        if (!suites.contains(suite)) {
          suites.add(suite);
        }
      }
    }
    return suites.toArray(String[]::new);
  }

  private static KeyManager[] keyManagers(WebConfig.Tls tls) throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    // Only this process ever sees the store; the password just satisfies the API.
    char[] password = Long.toHexString(new SecureRandom().nextLong()).toCharArray();
    store.setKeyEntry("server", tls.key(), password, tls.chain().toArray(X509Certificate[]::new));
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, password);
    return factory.getKeyManagers();
  }

  private static TrustManager[] trustManagers(WebConfig.Tls tls) throws GeneralSecurityException {
    if (!tls.clientAuth().want() && !tls.clientAuth().need()) {
      return null; // no client certificate is asked for
    }
    X509TrustManager verifier = tls.clientAuth().verify() ? caVerifier(tls) : null;
    List<String> allowedSans = tls.clientAllowedSans();
    return new TrustManager[] {
      new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType)
            throws CertificateException {
          if (verifier != null) {
            verifier.checkClientTrusted(chain, authType);
          }
          if (!allowedSans.isEmpty() && !hasAllowedSan(chain[0], allowedSans)) {
            throw new CertificateException("no allowed SAN in the client certificate");
          }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType)
            throws CertificateException {
          throw new CertificateException("a server does not check servers");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
          return verifier != null ? verifier.getAcceptedIssuers() : new X509Certificate[0];
        }
      }
    };
  }

  private static X509TrustManager caVerifier(WebConfig.Tls tls) throws GeneralSecurityException {
    KeyStore cas = KeyStore.getInstance("PKCS12");
    try {
      cas.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    for (int i = 0; i < tls.clientCas().size(); i++) {
      cas.setCertificateEntry("ca-" + i, tls.clientCas().get(i));
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(cas);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager");
  }

  /**
   * Whether a DNS, e-mail, URI or IP SAN of the certificate is in the list, as the toolkit matches
   * them; IP addresses are compared as addresses, so "::1" matches "0:0:0:0:0:0:0:1".
   */
  static boolean hasAllowedSan(X509Certificate certificate, List<String> allowed)
      throws CertificateParsingException {
    Collection<List<?>> names = certificate.getSubjectAlternativeNames();
    if (names == null) {
      return false;
    }
    for (List<?> name : names) {
      if (!(name.get(1) instanceof String value)) {
        continue;
      }
      if (allowed.contains(value)) {
        return true;
      }
      if ((Integer) name.get(0) == 7) { // iPAddress
        for (String entry : allowed) {
          if (sameAddress(entry, value)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean sameAddress(String a, String b) {
    // Only literals: getByName would resolve a host name.
    if (!IP_LITERAL.matcher(a).matches() || !IP_LITERAL.matcher(b).matches()) {
      return false;
    }
    try {
      return InetAddress.getByName(a).equals(InetAddress.getByName(b));
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
