package dev.routewatch.exporter.config;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A listen address as Prometheus exporters write it: {@code [host]:port}, where an empty host means
 * every interface ({@code :9877}) and an IPv6 host is bracketed ({@code [::1]:9877}).
 */
public final class ListenAddress {

  private static final String FORM = "not a listen address of the form [host]:port";
  private static final Pattern HOST_PORT =
      Pattern.compile("(?<host>\\[[^\\[\\]]*\\]|[^:\\[\\]]*):(?<port>\\d{1,5})");

  private ListenAddress() {}

  /**
   * Parses and resolves {@code text}: a host that does not resolve cannot be listened on, so it is
   * refused here rather than when the server binds.
   *
   * @throws IllegalArgumentException with a message that does not repeat {@code text}
   */
  public static InetSocketAddress parse(String text) {
    Matcher matcher = HOST_PORT.matcher(text == null ? "" : text);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(FORM);
    }
    int port = Integer.parseInt(matcher.group("port"));
    if (port > 65535) {
      throw new IllegalArgumentException(FORM);
    }
    String host = matcher.group("host").replaceAll("^\\[|\\]$", "");
    if (host.isEmpty()) {
      return new InetSocketAddress(port);
    }
    InetSocketAddress address = new InetSocketAddress(host, port);
    if (address.isUnresolved()) {
      throw new IllegalArgumentException("host does not resolve to an address");
    }
    return address;
  }

  /** The address in the form {@link #parse} reads; every interface is {@code :port}. */
  public static String format(InetSocketAddress address) {
    if (address.getAddress() != null && address.getAddress().isAnyLocalAddress()) {
      return ":" + address.getPort();
    }
    String host = address.getHostString();
    if (address.getAddress() instanceof Inet6Address && host.contains(":")) {
      host = "[" + host + "]";
    }
    return host + ":" + address.getPort();
  }
}
