package dev.routewatch.exporter.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routewatch.exporter.config.ModelId;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SnapshotStoreTest {

  private static final List<ModelId> MODELS =
      IntStream.range(0, 10_000).mapToObj(i -> new ModelId("author/model-" + i)).toList();

  @Test
  @Timeout(60)
  void anUpdateChangesOneModelAndKeepsTheOrderAndTheOtherStates() {
    SnapshotStore store = new SnapshotStore(MODELS);
    Snapshot before = store.current();
    // Another instance than the one in the store, told apart by identity.
    ModelState polled = ModelState.unpolled(MODELS.get(7));

    store.update(MODELS.get(7), state -> polled);

    Snapshot after = store.current();
    assertThat(after.models().keySet()).containsExactlyElementsOf(MODELS);
    assertThat(after.models().get(MODELS.get(7))).isSameAs(polled);
    assertThat(after.models().get(MODELS.get(8))).isSameAs(before.models().get(MODELS.get(8)));
    assertThat(before.models().get(MODELS.get(7))).isNotSameAs(polled);
    assertThat(after.models().get(new ModelId("author/not-configured"))).isNull();
  }

  @Test
  @Timeout(60)
  void aPollsUpdateAmong10000ModelsAllocatesAnArrayNotAWholeNewMap() {
    SnapshotStore store = new SnapshotStore(MODELS);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    int updates = 200;

    long before = threads.getThreadAllocatedBytes(thread);
    for (int i = 0; i < updates; i++) {
      store.update(MODELS.get(i), state -> state);
    }
    long perUpdate = (threads.getThreadAllocatedBytes(thread) - before) / updates;

    // A reference per model (4 or 8 bytes), where a copied LinkedHashMap takes about 50 per model.
    assertThat(perUpdate).as("bytes allocated per update").isLessThan(200_000);
  }
}
