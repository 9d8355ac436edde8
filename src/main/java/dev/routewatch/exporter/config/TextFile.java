package dev.routewatch.exporter.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Reads the configuration file and the API key file. Why a read failed is put in a few words of our
 * own: the IOException's message repeats the path, which for the key file is a configured value.
 */
final class TextFile {

  private TextFile() {}

  static String read(Path path, Function<String, ConfigException> failure) throws ConfigException {
    try {
      return Files.readString(path);
    } catch (NoSuchFileException e) {
      throw failure.apply("no such file");
    } catch (AccessDeniedException e) {
      throw failure.apply("permission denied");
    } catch (CharacterCodingException e) {
      throw failure.apply("not UTF-8 text");
    } catch (IOException e) {
      throw failure.apply("cannot read the file");
    }
  }
}
