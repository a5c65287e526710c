package dev.mainspring.sim;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Hudson's coalescent with recombination on a continuous genome, in msprime's conventions, with
 * all working memory in native memory that one instance reuses across replicates.
 *
 * <p>State (as in msprime's C core). Each extant lineage is a chain of {@link SegmentPool}
 * segments sorted by position, each recording the node its material descends through. Per deme,
 * an array holds the head segment of every lineage. A {@link FenwickTree} holds each segment's
 * recombination mass: the rate-map mass from the previous segment's right end (or its own left end
 * for a head) to its right end, so a lineage's total is the mass of the span from its leftmost to
 * its rightmost ancestral position, as msprime counts it. {@link OverlapCounts} holds how many
 * lineages carry material at each position.
 *
 * <p>Events, with t in generations:
 * <ul>
 *   <li>coalescence in deme d at rate k_d(k_d-1)/2 / (2 N(t)): two lineages merge; wherever their
 *       material overlaps a node is created (once per event) with one edge to each child, and the
 *       merged material is dropped where only these two lineages carried it (its local MRCA);
 *   <li>recombination at rate equal to the total mass: a breakpoint is drawn uniformly in mass,
 *       and the lineage is split into two lineages there (inside a segment, or in a gap between
 *       two segments);
 *   <li>migration (two demes) at rate m per lineage: a lineage moves to the other deme.
 * </ul>
 * The waiting time is drawn from the total rate of the current epoch; if it would pass the next
 * size change, time jumps to that change and is redrawn, which is exact by memorylessness. Only
 * coalescences of overlapping material create nodes (msprime's default), so the tables are already
 * simplified.
 */
public final class HudsonSimulator {
  private static final int NULL = SegmentPool.NULL;
  private static final int MAX_DEMES = 2;

  private final SegmentPool seg;
  private final FenwickTree mass;
  private final OverlapCounts counts = new OverlapCounts(1024);
  private final NativeInts[] heads = new NativeInts[MAX_DEMES];
  private final int[] numHeads = new int[MAX_DEMES];
  private final AncestryTables tables = new AncestryTables();
  // Edges of the node being created, flushed (sorted, squashed) when its event ends.
  private final NativeDoubles bufLeft = new NativeDoubles(64);
  private final NativeDoubles bufRight = new NativeDoubles(64);
  private final NativeInts bufChild = new NativeInts(64);
  private int bufSize;
  private long[] sortKeys = new long[64]; // scratch for flushEdges, reused

  private RateMap rec;
  private int n;
  private double time;
  private long events;

  public HudsonSimulator() {
    seg = new SegmentPool(1024);
    mass = new FenwickTree();
    for (int d = 0; d < MAX_DEMES; d++) {
      heads[d] = new NativeInts(64);
    }
  }

  /** The tables of the last simulation (overwritten by the next one). */
  public AncestryTables tables() {
    return tables;
  }

  /** Number of events (coalescence, recombination, migration) in the last simulation. */
  public long events() {
    return events;
  }

  /**
   * Simulates the ancestry of {@code samplesPerDeme[d]} haploid genomes in deme d (their node ids
   * follow the deme order) and returns the simulator's tables.
   */
  public AncestryTables simulate(int[] samplesPerDeme, Demography demography, RateMap recombination,
      UniformRandomProvider rng) {
    int demes = demography.demes();
    if (samplesPerDeme.length != demes) {
      throw new IllegalArgumentException("need a sample count for each of the " + demes + " demes");
    }
    n = 0;
    for (int c : samplesPerDeme) {
      if (c < 0) {
        throw new IllegalArgumentException("negative sample count");
      }
      n += c;
    }
    if (n < 2) {
      throw new IllegalArgumentException("need at least 2 sample genomes, got " + n);
    }
    if (demes == 2 && demography.migrationRate() == 0 && samplesPerDeme[0] > 0 && samplesPerDeme[1] > 0) {
      throw new IllegalArgumentException("samples in two demes without migration never coalesce");
    }
    rec = recombination;
    double length = recombination.sequenceLength();
    reset(length);
    for (int d = 0; d < demes; d++) {
      for (int i = 0; i < samplesPerDeme[d]; i++) {
        int node = tables.addNode(0, d);
        int s = alloc(0, length, node, d);
        setMass(s);
        pushHead(d, s);
      }
    }
    run(demography, rng);
    return tables;
  }

  private void reset(double length) {
    seg.reset();
    mass.clear();
    numHeads[0] = 0;
    numHeads[1] = 0;
    tables.reset(n, length);
    counts.reset(length, n);
    time = 0;
    events = 0;
  }

  private void run(Demography demo, UniformRandomProvider rng) {
    int epoch = 0;
    int epochs = demo.epochs();
    int demes = demo.demes();
    double m = demo.migrationRate();
    while (numHeads[0] + numHeads[1] > 0) {
      double halfInvSize = 1 / (2 * demo.size(epoch)); // pair rate per generation
      double nextChange = epoch + 1 < epochs ? demo.startTime(epoch + 1) : Double.POSITIVE_INFINITY;
      long k0 = numHeads[0];
      long k1 = numHeads[1];
      double coal0 = k0 * (k0 - 1) / 2 * halfInvSize;
      double coal1 = k1 * (k1 - 1) / 2 * halfInvSize;
      double recomb = Math.max(0, mass.total());
      double migrate = demes == 2 ? m * (k0 + k1) : 0;
      double total = coal0 + coal1 + recomb + migrate;
      if (!(total > 0)) {
        if (nextChange == Double.POSITIVE_INFINITY) {
          throw new IllegalStateException("no event can happen: ancestry cannot complete");
        }
        time = nextChange;
        epoch++;
        continue;
      }
      double dt = -Math.log(1.0 - rng.nextDouble()) / total; // 1 - u is exact and in (0, 1]
      if (time + dt >= nextChange) {
        time = nextChange;
        epoch++;
        continue;
      }
      time += dt;
      events++;
      double u = rng.nextDouble() * total;
      if (u < coal0) {
        coalescence(0, rng);
      } else if (u < coal0 + coal1) {
        coalescence(1, rng);
      } else if (u < coal0 + coal1 + recomb) {
        recombination(rng);
      } else {
        migration(k0 / (double) (k0 + k1), rng);
      }
    }
  }

  // ---------------------------------------------------------------- events

  private void coalescence(int d, UniformRandomProvider rng) {
    int x = removeHead(d, rng.nextInt(numHeads[d]));
    int y = removeHead(d, rng.nextInt(numHeads[d]));
    merge(x, y, d);
  }

  /**
   * Merges two lineages of deme d, walking both chains left to right (msprime's
   * merge_two_ancestors). Non-overlapping pieces pass to the new lineage unchanged. Where material
   * overlaps, a node is created (at the first overlap) with an edge to each child; the overlap
   * counts drop by one, and the material is dropped where they were 2 (the local MRCA).
   * Touching pieces with the same node are joined, and each segment's mass is set once, when the
   * piece after it arrives.
   */
  private void merge(int x, int y, int d) {
    head = NULL;
    tail = NULL;
    int node = NULL;
    bufSize = 0;
    while (x != NULL || y != NULL) {
      if (x == NULL || y == NULL) {
        // One chain is exhausted: the rest of the other passes over whole.
        int rest = x != NULL ? x : y;
        append(rest, seg.left(rest), seg.right(rest), seg.node(rest), d);
        break;
      }
      if (seg.left(y) < seg.left(x)) {
        int t = x;
        x = y;
        y = t;
      }
      double xl = seg.left(x);
      double xr = seg.right(x);
      double yl = seg.left(y);
      if (xr <= yl) {
        int next = seg.next(x);
        seg.setNext(x, NULL);
        append(x, xl, xr, seg.node(x), d);
        x = next;
      } else if (xl != yl) {
        append(NULL, xl, yl, seg.node(x), d);
        seg.setLeft(x, yl);
      } else {
        if (node == NULL) {
          node = tables.addNode(time, d);
        }
        double rMax = Math.min(xr, seg.right(y));
        int first = counts.split(xl);
        int end;
        boolean mrca = counts.count(first) == 2;
        if (mrca) {
          // Only x and y carried this interval: it has reached its MRCA and is dropped.
          if (counts.key(counts.next(first)) > rMax) {
            counts.insertAfter(first, rMax);
          }
          counts.setCount(first, 0);
          end = counts.next(first);
        } else {
          end = first;
          while (counts.key(end) < rMax && counts.count(end) != 2) {
            if (counts.key(counts.next(end)) > rMax) {
              counts.insertAfter(end, rMax);
            }
            counts.setCount(end, counts.count(end) - 1);
            end = counts.next(end);
          }
        }
        double r = counts.key(end);
        counts.compact(end);
        counts.compact(first);
        bufferEdge(xl, r, seg.node(x));
        bufferEdge(xl, r, seg.node(y));
        if (!mrca) {
          append(NULL, xl, r, node, d);
        }
        x = trim(x, r);
        y = trim(y, r);
      }
    }
    if (tail != NULL) {
      setMass(tail);
      pushHead(d, head);
    }
    if (node != NULL) {
      flushEdges(node);
    }
  }

  // The chain being built by merge: its first and last segment. The last one's mass is pending.
  private int head;
  private int tail;

  /**
   * Appends [left, right) with the given node to the chain being built: by extending the last
   * segment when they touch with the same node (msprime's defrag, done in place), else by linking
   * {@code s} (or a new segment when s is NULL). If s heads a longer chain, the rest follows it.
   */
  private void append(int s, double left, double right, int node, int d) {
    if (tail != NULL && seg.right(tail) == left && seg.node(tail) == node) {
      seg.setRight(tail, right);
      if (s != NULL) {
        int after = seg.next(s);
        seg.setNext(tail, after);
        if (after != NULL) {
          seg.setPrev(after, tail);
        }
        free(s);
      }
      return;
    }
    if (s == NULL) {
      s = alloc(left, right, node, d);
    }
    if (tail == NULL) {
      head = s;
      seg.setPrev(s, NULL);
    } else {
      seg.setNext(tail, s);
      seg.setPrev(s, tail);
      setMass(tail);
    }
    tail = s;
  }

  /** Cuts the left end of segment s at r; frees it and returns its successor when nothing is left. */
  private int trim(int s, double r) {
    if (seg.right(s) == r) {
      int next = seg.next(s);
      free(s);
      return next;
    }
    seg.setLeft(s, r);
    return s;
  }

  private void recombination(UniformRandomProvider rng) {
    while (true) {
      double h = rng.nextDouble() * mass.total();
      int y = mass.find(h);
      double my = mass.get(y);
      if (!(my > 0)) {
        continue; // rounding landed past the last positive mass: draw again
      }
      double fraction = Math.min(1, Math.max(0, mass.remainder() / my));
      int x = seg.prev(y);
      double yl = seg.left(y);
      double yr = seg.right(y);
      double leftBound = x == NULL ? yl : seg.right(x);
      double bp = rec.positionAt(leftBound, yr, fraction);
      if (!(bp > leftBound && bp < yr)) {
        continue; // a breakpoint on an end point has probability zero; redraw it
      }
      int z;
      if (yl < bp) {
        // Inside y: y keeps [yl, bp), the new lineage starts with [bp, yr).
        z = alloc(bp, yr, seg.node(y), seg.deme(y));
        int after = seg.next(y);
        seg.setNext(z, after);
        if (after != NULL) {
          seg.setPrev(after, z);
        }
        seg.setNext(y, NULL);
        seg.setRight(y, bp);
        setMass(y);
      } else {
        // In the gap between x and y: the chain is cut before y.
        seg.setNext(x, NULL);
        seg.setPrev(y, NULL);
        z = y;
      }
      setMass(z);
      pushHead(seg.deme(z), z);
      return;
    }
  }

  private void migration(double fractionInDeme0, UniformRandomProvider rng) {
    int from = rng.nextDouble() < fractionInDeme0 ? 0 : 1;
    int to = 1 - from;
    int h = removeHead(from, rng.nextInt(numHeads[from]));
    for (int s = h; s != NULL; s = seg.next(s)) {
      seg.setDeme(s, to);
    }
    pushHead(to, h);
  }

  // ---------------------------------------------------------------- bookkeeping

  private int alloc(double left, double right, int node, int deme) {
    if (seg.full()) {
      seg.grow();
    }
    int s = seg.alloc(left, right, node, deme);
    if (s >= mass.capacity()) {
      mass.grow(s + 1); // depends only on this run's allocations, so sums stay reproducible
    }
    return s;
  }

  private void free(int s) {
    mass.set(s, 0);
    seg.free(s);
  }

  private void setMass(int s) {
    int p = seg.prev(s);
    double leftBound = p == NULL ? seg.left(s) : seg.right(p);
    mass.set(s, rec.mass(leftBound, seg.right(s)));
  }

  private void pushHead(int d, int s) {
    NativeInts list = heads[d];
    list.ensure(numHeads[d] + 1L);
    list.set(numHeads[d]++, s);
  }

  private int removeHead(int d, int i) {
    NativeInts list = heads[d];
    int s = list.get(i);
    list.set(i, list.get(--numHeads[d]));
    return s;
  }

  private void bufferEdge(double left, double right, int child) {
    bufLeft.ensure(bufSize + 1L);
    bufRight.ensure(bufSize + 1L);
    bufChild.ensure(bufSize + 1L);
    bufLeft.set(bufSize, left);
    bufRight.set(bufSize, right);
    bufChild.set(bufSize, child);
    bufSize++;
  }

  /** Appends the new node's edges sorted by (child, left), joining touching intervals of a child. */
  private void flushEdges(int parent) {
    // The buffer is in increasing left order, so ordering by (child, arrival) orders by (child, left).
    if (sortKeys.length < bufSize) {
      sortKeys = new long[Math.max(bufSize, 2 * sortKeys.length)];
    }
    for (int i = 0; i < bufSize; i++) {
      sortKeys[i] = (long) bufChild.get(i) << 32 | i;
    }
    java.util.Arrays.sort(sortKeys, 0, bufSize);
    int i = 0;
    while (i < bufSize) {
      int first = (int) sortKeys[i];
      int c = bufChild.get(first);
      double l = bufLeft.get(first);
      double r = bufRight.get(first);
      i++;
      while (i < bufSize && (int) (sortKeys[i] >>> 32) == c && bufLeft.get((int) sortKeys[i]) == r) {
        r = bufRight.get((int) sortKeys[i]);
        i++;
      }
      tables.addEdge(l, r, parent, c);
    }
  }
}
