package dev.mainspring.sim;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Walks the local trees of a tree sequence left to right as tskit does: edges are inserted in
 * order of (left, parent time, parent, child) and removed in order of (right, -parent time,
 * -parent, -child), so moving to the next tree costs only the edges that change. The current tree
 * is held in tskit's quintuply linked form (parent, left/right child, left/right sibling), one
 * 20-byte record per node in native memory; one iterator is reused across replicates.
 */
public final class TreeIterator {
  private static final int NULL = -1;
  private static final ValueLayout.OfInt I = ValueLayout.JAVA_INT_UNALIGNED;
  private static final long REC = 20;
  private static final long PARENT = 0;
  private static final long LEFT_CHILD = 4;
  private static final long RIGHT_CHILD = 8;
  private static final long LEFT_SIB = 12;
  private static final long RIGHT_SIB = 16;

  private final NativeInts insertion = new NativeInts(1024);
  private final NativeInts removal = new NativeInts(1024);
  private final IndexSort sorter = new IndexSort();
  private MemorySegment nodes = Arena.ofAuto().allocate(256 * REC, 8);
  private AncestryTables t;
  private int numEdges;
  private int in;
  private int out;
  private double left;
  private double right;
  private int index;
  // The edge diff of the last step: removal[outFrom, out) and insertion[inFrom, in).
  private int outFrom;
  private int inFrom;

  /**
   * Starts over on {@code tables}, whose edges must be in tskit order (parent time, parent, child,
   * left); the iterator is positioned before the first tree.
   */
  public void reset(AncestryTables tables) {
    t = tables;
    numEdges = tables.numEdges();
    int n = tables.numNodes();
    insertion.ensure(numEdges);
    removal.ensure(numEdges);
    MemorySegment ins = insertion.segment();
    MemorySegment rem = removal.segment();
    for (int e = 0; e < numEdges; e++) {
      NativeInts.put(ins, e, e);
      NativeInts.put(rem, e, numEdges - 1 - e);
    }
    sorter.sort(insertion, numEdges, tables.edgeLeft);
    sorter.sort(removal, numEdges, tables.edgeRight);
    if (nodes.byteSize() < n * REC) {
      nodes = Arena.ofAuto().allocate(Math.max(n, 2 * nodes.byteSize() / REC) * REC, 8);
    }
    nodes.asSlice(0, n * REC).fill((byte) 0xff); // every field -1
    in = 0;
    out = 0;
    left = 0;
    right = 0;
    index = -1;
  }

  /** Moves to the next tree; false when past the last one. */
  public boolean next() {
    double length = t.sequenceLength();
    if (index >= 0 && right >= length) {
      return false;
    }
    double x = index < 0 ? 0 : right;
    MemorySegment m = nodes;
    MemorySegment ins = insertion.segment();
    MemorySegment rem = removal.segment();
    MemorySegment edgeLeft = t.edgeLeft.segment();
    MemorySegment edgeRight = t.edgeRight.segment();
    MemorySegment edgeParent = t.edgeParent.segment();
    MemorySegment edgeChild = t.edgeChild.segment();
    int e;
    outFrom = out;
    inFrom = in;
    while (out < numEdges && NativeDoubles.at(edgeRight, e = NativeInts.at(rem, out)) == x) {
      detach(m, NativeInts.at(edgeParent, e), NativeInts.at(edgeChild, e));
      out++;
    }
    while (in < numEdges && NativeDoubles.at(edgeLeft, e = NativeInts.at(ins, in)) == x) {
      attach(m, NativeInts.at(edgeParent, e), NativeInts.at(edgeChild, e));
      in++;
    }
    left = x;
    double r = length;
    if (in < numEdges) {
      r = Math.min(r, NativeDoubles.at(edgeLeft, NativeInts.at(ins, in)));
    }
    if (out < numEdges) {
      r = Math.min(r, NativeDoubles.at(edgeRight, NativeInts.at(rem, out)));
    }
    right = r;
    index++;
    return true;
  }

  private static void attach(MemorySegment m, int p, int c) {
    long pc = c * REC;
    long pp = p * REC;
    m.set(I, pc + PARENT, p);
    int last = m.get(I, pp + RIGHT_CHILD);
    if (last == NULL) {
      m.set(I, pp + LEFT_CHILD, c);
      m.set(I, pc + LEFT_SIB, NULL);
    } else {
      m.set(I, last * REC + RIGHT_SIB, c);
      m.set(I, pc + LEFT_SIB, last);
    }
    m.set(I, pc + RIGHT_SIB, NULL);
    m.set(I, pp + RIGHT_CHILD, c);
  }

  private static void detach(MemorySegment m, int p, int c) {
    long pc = c * REC;
    long pp = p * REC;
    int l = m.get(I, pc + LEFT_SIB);
    int r = m.get(I, pc + RIGHT_SIB);
    if (l == NULL) {
      m.set(I, pp + LEFT_CHILD, r);
    } else {
      m.set(I, l * REC + RIGHT_SIB, r);
    }
    if (r == NULL) {
      m.set(I, pp + RIGHT_CHILD, l);
    } else {
      m.set(I, r * REC + LEFT_SIB, l);
    }
    m.set(I, pc + PARENT, NULL);
    m.set(I, pc + LEFT_SIB, NULL);
    m.set(I, pc + RIGHT_SIB, NULL);
  }

  public double left() {
    return left;
  }

  public double right() {
    return right;
  }

  /** 0-based index of the current tree. */
  public int index() {
    return index;
  }

  /**
   * The node records of the current tree, for hot loops: read with {@link #parent(MemorySegment,
   * int)} and friends. Valid until the next {@link #reset}.
   */
  public MemorySegment nodeRecords() {
    return nodes;
  }

  public static int parent(MemorySegment records, int u) {
    return records.get(I, u * REC + PARENT);
  }

  public static int leftChild(MemorySegment records, int u) {
    return records.get(I, u * REC + LEFT_CHILD);
  }

  public static int rightChild(MemorySegment records, int u) {
    return records.get(I, u * REC + RIGHT_CHILD);
  }

  public static int leftSib(MemorySegment records, int u) {
    return records.get(I, u * REC + LEFT_SIB);
  }

  public static int rightSib(MemorySegment records, int u) {
    return records.get(I, u * REC + RIGHT_SIB);
  }

  public int parent(int u) {
    return parent(nodes, u);
  }

  public int leftChild(int u) {
    return leftChild(nodes, u);
  }

  public int rightChild(int u) {
    return rightChild(nodes, u);
  }

  public int leftSib(int u) {
    return leftSib(nodes, u);
  }

  public int rightSib(int u) {
    return rightSib(nodes, u);
  }

  /** The root above node u in the current tree. */
  public int root(int u) {
    MemorySegment m = nodes;
    int p;
    while ((p = parent(m, u)) != NULL) {
      u = p;
    }
    return u;
  }

  /** Number of edges removed on moving to the current tree. */
  public int numEdgesOut() {
    return out - outFrom;
  }

  /** The k-th edge removed on moving to the current tree. */
  public int edgeOut(int k) {
    return removal.get(outFrom + k);
  }

  /** Number of edges inserted on moving to the current tree. */
  public int numEdgesIn() {
    return in - inFrom;
  }

  /** The k-th edge inserted on moving to the current tree. */
  public int edgeIn(int k) {
    return insertion.get(inFrom + k);
  }

  /** Edge ids in insertion order (tskit's indexes/edge_insertion_order). */
  public int insertionOrder(int i) {
    return insertion.get(i);
  }

  /** Edge ids in removal order (tskit's indexes/edge_removal_order). */
  public int removalOrder(int i) {
    return removal.get(i);
  }
}
