package dev.routewatch.exporter;

public final class Main {
  public static void main(String[] args) {}
}
