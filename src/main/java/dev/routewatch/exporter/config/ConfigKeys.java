package dev.routewatch.exporter.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys of a configuration file, read from the records it binds to, exactly as {@link
 * ConfigLoader}'s mapper sees them: the name in the file, the type and the default of every
 * component (or {@code @JsonCreator} parameter). The documentation's reference tables are checked
 * against {@link #of}, and the loader fills the defaults in from the same place.
 */
public final class ConfigKeys {

  private ConfigKeys() {}

  /**
   * Every key of a file bound to {@code root} ({@link ExporterConfig} or {@link WebConfig}), as a
   * dotted YAML path such as {@code openrouter.timeout}, in the records' order. A section's keys
   * are listed, not the section; a list is one key ({@code models}).
   */
  public static List<String> of(Class<?> root) {
    List<String> keys = new ArrayList<>();
    collect(ConfigLoader.MAPPER.constructType(root), "", keys);
    return keys;
  }

  /** The names in the file of a section's keys, in the order of its record's components. */
  static List<String> names(Class<?> section) {
    return keysOf(ConfigLoader.MAPPER.constructType(section)).stream()
        .map(BeanPropertyDefinition::getName)
        .toList();
  }

  private static void collect(JavaType type, String prefix, List<String> keys) {
    for (BeanPropertyDefinition key : keysOf(type)) {
      JavaType keyType = key.getConstructorParameter().getType();
      if (isSection(keyType)) {
        collect(keyType, prefix + key.getName() + ".", keys);
      } else {
        keys.add(prefix + key.getName());
      }
    }
  }

  /**
   * Puts the default of every key left out or left empty (null) into {@code mapping}, which binds
   * to {@code type}, so that a default is read and checked as a written value would be. A section
   * left out takes its defaults if it has any; one without (such as {@code cluster}) stays out.
   */
  static void fillDefaults(ObjectNode mapping, JavaType type) {
    for (BeanPropertyDefinition key : keysOf(type)) {
      JavaType keyType = key.getConstructorParameter().getType();
      String name = key.getName();
      JsonNode value = mapping.get(name);
      if (value == null || value.isNull()) {
        String defaultValue = key.getMetadata().getDefaultValue();
        if (defaultValue != null) {
          mapping.set(name, yaml(defaultValue));
        } else if (isSection(keyType) && hasDefaults(keyType)) {
          mapping.putObject(name);
        }
      }
      if (isSection(keyType) && mapping.get(name) instanceof ObjectNode section) {
        fillDefaults(section, keyType);
      }
    }
  }

  private static boolean hasDefaults(JavaType section) {
    return keysOf(section).stream().anyMatch(key -> key.getMetadata().getDefaultValue() != null);
  }

  /** The keys of a mapping: the parameters of the creator Jackson binds it with. */
  private static List<BeanPropertyDefinition> keysOf(JavaType type) {
    BeanDescription bean = ConfigLoader.MAPPER.getDeserializationConfig().introspect(type);
    return bean.findProperties().stream()
        .filter(BeanPropertyDefinition::hasConstructorParameter)
        .toList();
  }

  /** A record read from a mapping of its own keys, as opposed to a value read from a string. */
  private static boolean isSection(JavaType type) {
    return type.isRecordType() && !ConfigLoader.readsFromText(type.getRawClass());
  }

  private static JsonNode yaml(String text) {
    try {
      return ConfigLoader.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("a default in the configuration's records is not YAML", e);
    }
  }
}
