package dev.mainspring.sim;

/**
 * Walks the local trees of a tree sequence left to right as tskit does: edges are inserted in
 * order of (left, parent time, parent, child) and removed in order of (right, -parent time,
 * -parent, -child), so moving to the next tree costs only the edges that change. The current tree
 * is held in tskit's quintuply linked form (parent, left/right child, left/right sibling) in
 * native memory; one iterator is reused across replicates.
 */
public final class TreeIterator {
  private static final int NULL = -1;
  private final NativeInts insertion = new NativeInts(1024);
  private final NativeInts removal = new NativeInts(1024);
  private final NativeInts scratch = new NativeInts(1024);
  private final NativeInts parent = new NativeInts(256);
  private final NativeInts leftChild = new NativeInts(256);
  private final NativeInts rightChild = new NativeInts(256);
  private final NativeInts leftSib = new NativeInts(256);
  private final NativeInts rightSib = new NativeInts(256);
  private AncestryTables t;
  private int numEdges;
  private int in;
  private int out;
  private double left;
  private double right;
  private int index;

  /**
   * Starts over on {@code tables}, whose edges must be in tskit order (parent time, parent, child,
   * left); the iterator is positioned before the first tree.
   */
  public void reset(AncestryTables tables) {
    t = tables;
    numEdges = tables.numEdges();
    int nodes = tables.numNodes();
    insertion.ensure(numEdges);
    removal.ensure(numEdges);
    for (int e = 0; e < numEdges; e++) {
      insertion.set(e, e);
      removal.set(e, numEdges - 1 - e);
    }
    IndexSort.sort(insertion, numEdges, tables.edgeLeft, scratch);
    IndexSort.sort(removal, numEdges, tables.edgeRight, scratch);
    parent.ensure(nodes);
    leftChild.ensure(nodes);
    rightChild.ensure(nodes);
    leftSib.ensure(nodes);
    rightSib.ensure(nodes);
    parent.fill(0, nodes, NULL);
    leftChild.fill(0, nodes, NULL);
    rightChild.fill(0, nodes, NULL);
    leftSib.fill(0, nodes, NULL);
    rightSib.fill(0, nodes, NULL);
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
    while (out < numEdges && t.edgeRight(removal.get(out)) == x) {
      int e = removal.get(out++);
      detach(t.edgeParent(e), t.edgeChild(e));
    }
    while (in < numEdges && t.edgeLeft(insertion.get(in)) == x) {
      int e = insertion.get(in++);
      attach(t.edgeParent(e), t.edgeChild(e));
    }
    left = x;
    double r = length;
    if (in < numEdges) {
      r = Math.min(r, t.edgeLeft(insertion.get(in)));
    }
    if (out < numEdges) {
      r = Math.min(r, t.edgeRight(removal.get(out)));
    }
    right = r;
    index++;
    return true;
  }

  private void attach(int p, int c) {
    parent.set(c, p);
    int last = rightChild.get(p);
    if (last == NULL) {
      leftChild.set(p, c);
      leftSib.set(c, NULL);
    } else {
      rightSib.set(last, c);
      leftSib.set(c, last);
    }
    rightSib.set(c, NULL);
    rightChild.set(p, c);
  }

  private void detach(int p, int c) {
    int l = leftSib.get(c);
    int r = rightSib.get(c);
    if (l == NULL) {
      leftChild.set(p, r);
    } else {
      rightSib.set(l, r);
    }
    if (r == NULL) {
      rightChild.set(p, l);
    } else {
      leftSib.set(r, l);
    }
    parent.set(c, NULL);
    leftSib.set(c, NULL);
    rightSib.set(c, NULL);
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

  public int parent(int u) {
    return parent.get(u);
  }

  public int leftChild(int u) {
    return leftChild.get(u);
  }

  public int rightChild(int u) {
    return rightChild.get(u);
  }

  public int leftSib(int u) {
    return leftSib.get(u);
  }

  public int rightSib(int u) {
    return rightSib.get(u);
  }

  /** The root above node u in the current tree. */
  public int root(int u) {
    int p;
    while ((p = parent.get(u)) != NULL) {
      u = p;
    }
    return u;
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
