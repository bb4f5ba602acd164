package io.hubload.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShardTest {

  @Test
  void theSharesOfAllInjectorsAddUpToTheWhole() {
    for (int injectors = 1; injectors <= 12; injectors++) {
      for (int total = 0; total <= 1000; total++) {
        int sum = 0;
        for (int i = 0; i < injectors; i++) {
          int share = new Shard(i, injectors).of(total);
          // floor division: shares differ by at most one, none above its fair part rounded up
          assertTrue(share == total / injectors || share == total / injectors + 1, total + "/" + injectors);
          sum += share;
        }
        assertEquals(total, sum, total + " users over " + injectors + " injectors");
      }
    }
  }

  @Test
  void sharesFollowTheFloorFormula() {
    // floor((i+1)T/N) - floor(iT/N) for T = 10, N = 3: 3, 3, 4
    assertEquals(List.of(3, 3, 4), List.of(new Shard(0, 3).of(10), new Shard(1, 3).of(10), new Shard(2, 3).of(10)));
    assertEquals(1_000_000, new Shard(0, 1).of(1_000_000));
    assertEquals(333_333_333, new Shard(0, 3).of(1_000_000_000), "no overflow in i*T");
  }

  @Test
  void thereIsNoInjectorOutsideTheCount() {
    assertThrows(IllegalArgumentException.class, () -> new Shard(3, 3));
    assertThrows(IllegalArgumentException.class, () -> new Shard(-1, 3));
    assertThrows(IllegalArgumentException.class, () -> new Shard(0, 0));
  }

  @Test
  void eachUserNumberIsOneInjectorsOwn() {
    for (int count = 1; count <= 5; count++) {
      for (long n = 1; n <= 50; n++) {
        int owners = 0;
        for (int i = 0; i < count; i++) {
          Shard shard = new Shard(i, count);
          if (shard.owns(n)) {
            owners++;
            assertEquals(n, shard.userNumber((n - 1) / count + 1), "the number it gives is the number it owns");
          }
        }
        assertEquals(1, owners, n + " of " + count);
      }
    }
    assertTrue(!new Shard(0, 3).owns(0));
  }
}
