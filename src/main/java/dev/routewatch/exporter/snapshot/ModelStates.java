package dev.routewatch.exporter.snapshot;

import dev.routewatch.exporter.config.ModelId;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Every model's state in the configured order, immutable. Every poll makes a copy with its one
 * model's state changed; that copy shares the models and their index with the original and copies
 * only an array of references, rather than hashing every model into a new map, so a round of polls
 * over thousands of models does not cost the square of their number in map entries.
 */
final class ModelStates extends AbstractMap<ModelId, ModelState> {

  private final ModelId[] models;
  private final Map<ModelId, Integer> index;
  private final ModelState[] states;

  private ModelStates(ModelId[] models, Map<ModelId, Integer> index, ModelState[] states) {
    this.models = models;
    this.index = index;
    this.states = states;
  }

  /** The states of {@code models}, in its iteration order. */
  static ModelStates copyOf(Map<ModelId, ModelState> models) {
    if (models instanceof ModelStates states) {
      return states;
    }
    ModelId[] ids = models.keySet().toArray(ModelId[]::new);
    Map<ModelId, Integer> index = new HashMap<>(ids.length * 2);
    for (int i = 0; i < ids.length; i++) {
      index.put(ids[i], i);
    }
    return new ModelStates(ids, index, models.values().toArray(ModelState[]::new));
  }

  /** A copy with {@code model}'s state replaced; {@code model} must be one of these. */
  ModelStates with(ModelId model, ModelState state) {
    ModelState[] changed = Arrays.copyOf(states, states.length);
    changed[index.get(model)] = state;
    return new ModelStates(models, index, changed);
  }

  @Override
  public ModelState get(Object model) {
    Integer at = index.get(model);
    return at == null ? null : states[at];
  }

  @Override
  public boolean containsKey(Object model) {
    return index.containsKey(model);
  }

  @Override
  public int size() {
    return models.length;
  }

  @Override
  public Set<Entry<ModelId, ModelState>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<ModelId, ModelState>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < models.length;
          }

          @Override
          public Entry<ModelId, ModelState> next() {
            if (next >= models.length) {
              throw new NoSuchElementException();
            }
            Entry<ModelId, ModelState> entry =
                new SimpleImmutableEntry<>(models[next], states[next]);
            next++;
            return entry;
          }
        };
      }

      @Override
      public int size() {
        return models.length;
      }
    };
  }
}
