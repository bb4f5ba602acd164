package io.hubload.config;

/**
 * One injector's share of a load made by {@code count} injectors: injector {@code index} (from 0)
 * runs floor((index+1)·T/count) − floor(index·T/count) of any T (users, a concurrency level), so
 * that the shares of all injectors add up to T exactly, whatever T.
 */
public record Shard(int index, int count) {

  /** The whole load: one injector. */
  public static final Shard WHOLE = new Shard(0, 1);

  public Shard {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("no injector " + index + " of " + count);
    }
  }

  /** Whether this is the whole load, one injector alone. */
  public boolean isWhole() {
    return count == 1;
  }

  /** This injector's share of {@code total}. */
  public int of(int total) {
    return (int) (cut(index + 1, total) - cut(index, total));
  }

  private long cut(int i, int total) {
    return Math.floorDiv((long) i * total, count);
  }

  /**
   * The hub user number of this injector's {@code local}-th user (from 1): injectors take turns,
   * 1, 1+count, 1+2·count... for the first, so that no two injectors ever use the same name, and
   * one injector alone numbers as it always did.
   */
  public long userNumber(long local) {
    return (local - 1) * count + index + 1;
  }

  /** Whether the hub user number {@code n} is one of this injector's ({@link #userNumber}). */
  public boolean owns(long n) {
    return n >= 1 && (n - 1) % count == index;
  }

  /** "injector 2 of 3" (counted from 1, as people count). */
  public String describe() {
    return "injector " + (index + 1) + " of " + count;
  }
}
