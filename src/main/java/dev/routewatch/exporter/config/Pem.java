package dev.routewatch.exporter.config;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM certificates and private keys, read with the JDK alone (no BouncyCastle). Keys may be PKCS#8
 * ({@code BEGIN PRIVATE KEY}: RSA, EC, Ed25519, Ed448), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) or
 * SEC1 ({@code BEGIN EC PRIVATE KEY}, named curves), the forms openssl, cert-manager and Go's
 * {@code tls.X509KeyPair} use; PKCS#1 and SEC1 keys are wrapped into PKCS#8 here, which is all the
 * JDK's key factories read. Encrypted keys are refused: the toolkit's format has no passphrase.
 * Messages never quote the input.
 */
final class Pem {

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\R(.*?)-----END \\1-----", Pattern.DOTALL);
  private static final Pattern HEADER = Pattern.compile("^[A-Za-z-]+:.*$", Pattern.MULTILINE);

  /** AlgorithmIdentifier of rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters. */
  private static final byte[] RSA_ALGORITHM = {
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };

  /** OID id-ecPublicKey (1.2.840.10045.2.1). */
  private static final byte[] EC_PUBLIC_KEY = {
    0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01
  };

  private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

  private Pem() {}

  /** Every certificate in {@code text}, in order; at least one. */
  static List<X509Certificate> certificates(String text) {
    if (!text.contains("-----BEGIN CERTIFICATE-----")) {
      throw new IllegalArgumentException("no PEM certificate (BEGIN CERTIFICATE) in it");
    }
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      List<X509Certificate> certificates = new ArrayList<>();
      for (Certificate certificate :
          factory.generateCertificates(
              new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)))) {
        certificates.add((X509Certificate) certificate);
      }
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException("no PEM certificate (BEGIN CERTIFICATE) in it");
      }
      return certificates;
    } catch (CertificateException e) {
      throw new IllegalArgumentException("not a valid PEM certificate");
    }
  }

  /** The first private key in {@code text}. */
  static PrivateKey privateKey(String text) {
    Matcher block = BLOCK.matcher(text);
    while (block.find()) {
      String type = block.group(1);
      String body = block.group(2);
      switch (type) {
        case "PRIVATE KEY" -> {
          return pkcs8(decode(body));
        }
        case "RSA PRIVATE KEY" -> {
          refuseEncrypted(body);
          return pkcs8(der(0x30, VERSION_0, RSA_ALGORITHM, der(0x04, decode(body))));
        }
        case "EC PRIVATE KEY" -> {
          refuseEncrypted(body);
          byte[] sec1 = decode(body);
          byte[] algorithm = der(0x30, EC_PUBLIC_KEY, namedCurve(sec1));
          return pkcs8(der(0x30, VERSION_0, algorithm, der(0x04, sec1)));
        }
        case "ENCRYPTED PRIVATE KEY" ->
            throw new IllegalArgumentException("encrypted private keys are not supported");
        default -> {
          // Not a key (for example EC PARAMETERS before an EC key): look further.
        }
      }
    }
    throw new IllegalArgumentException(
        "no PEM private key (BEGIN PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY) in it");
  }

  private static void refuseEncrypted(String body) {
    if (HEADER.matcher(body).find()) {
      throw new IllegalArgumentException("encrypted private keys are not supported");
    }
  }

  private static byte[] decode(String body) {
    try {
      return Base64.getMimeDecoder().decode(body.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not valid PEM (bad base64)");
    }
  }

  /** A PKCS#8 key of any algorithm the JDK has; the algorithm is found by trying each. */
  private static PrivateKey pkcs8(byte[] der) {
    for (String algorithm : new String[] {"RSA", "EC", "EdDSA", "XDH", "RSASSA-PSS"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException | RuntimeException ignored) {
        // Not this algorithm (or not a key at all): try the next.
      }
    }
    throw new IllegalArgumentException("not a valid private key");
  }

  /**
   * The namedCurve OID of a SEC1 ECPrivateKey (RFC 5915): SEQUENCE { version, privateKey, [0]
   * parameters, [1] publicKey }.
   */
  private static byte[] namedCurve(byte[] sec1) {
    try {
      Der sequence = Der.at(sec1, 0);
      if (sequence.tag != 0x30) {
        throw new IllegalArgumentException("not a valid EC private key");
      }
      for (int at = sequence.start; at < sequence.end; ) {
        Der element = Der.at(sec1, at);
        if (element.tag == 0xa0) {
          Der oid = Der.at(sec1, element.start);
          if (oid.tag == 0x06) {
            return Arrays.copyOfRange(sec1, element.start, oid.end);
          }
        }
        at = element.end;
      }
    } catch (IndexOutOfBoundsException e) {
      throw new IllegalArgumentException("not a valid EC private key");
    }
    throw new IllegalArgumentException("EC private key without a named curve");
  }

  /** A DER element: its tag and where its contents start and end. */
  private record Der(int tag, int start, int end) {

    static Der at(byte[] der, int offset) {
      int tag = der[offset] & 0xff;
      int length = der[offset + 1] & 0xff;
      int start = offset + 2;
      if (length > 0x80 && length <= 0x84) {
        int bytes = length - 0x80;
        length = 0;
        for (int i = 0; i < bytes; i++) {
          length = (length << 8) | (der[start + i] & 0xff);
        }
        start += bytes;
      } else if (length >= 0x80) {
        throw new IndexOutOfBoundsException();
      }
      if (length < 0 || start + length > der.length) {
        throw new IndexOutOfBoundsException();
      }
      return new Der(tag, start, start + length);
    }
  }

  /** A DER element with {@code tag} holding {@code parts}, one after the other. */
  private static byte[] der(int tag, byte[]... parts) {
    ByteArrayOutputStream contents = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      contents.writeBytes(part);
    }
    int length = contents.size();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    if (length < 0x80) {
      out.write(length);
    } else if (length < 0x100) {
      out.write(0x81);
      out.write(length);
    } else if (length < 0x10000) {
      out.write(0x82);
      out.write(length >> 8);
      out.write(length);
    } else {
      out.write(0x83);
      out.write(length >> 16);
      out.write(length >> 8);
      out.write(length);
    }
    out.writeBytes(contents.toByteArray());
    return out.toByteArray();
  }
}
