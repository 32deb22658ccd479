package org.priwatt.chain.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

/** A block index entry is a value: the index's mutable flags live in the package-private index. */
class BlockIndexEntryTest {
  @Test
  void blockIndexEntryIsImmutable() {
    for (Field f : BlockIndexEntry.class.getDeclaredFields()) {
      assertThat(Modifier.isFinal(f.getModifiers())).as(f.getName()).isTrue();
    }
  }
}
