package dev.routewatch.exporter.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The default {@code cluster.instance_id}: host name and process id, e.g. {@code web-3-4711}. */
final class Hosts {

  private Hosts() {}

  static String instanceId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    // A host name is letters, digits, '-' and '.', which the instance id allows.
    String name = host.replaceAll("[^A-Za-z0-9._:-]", "_");
    return name.substring(0, Math.min(name.length(), 80)) + "-" + ProcessHandle.current().pid();
  }
}
