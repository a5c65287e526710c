package dev.mainspring.sim;

/**
 * The node and edge tables one ancestry simulation produces, in native memory and reused across
 * replicates. Samples are nodes {@code 0..n-1} at time 0; every later node is a coalescence, added
 * in increasing time, so node ids are in time order. Edges are appended one parent at a time,
 * sorted by (child, left) and squashed within the parent: the table is therefore already in
 * tskit's required order (parent time, parent, child, left).
 */
public final class AncestryTables {
  final NativeDoubles nodeTime = new NativeDoubles(256);
  final NativeInts nodeDeme = new NativeInts(256);
  final NativeDoubles edgeLeft = new NativeDoubles(1024);
  final NativeDoubles edgeRight = new NativeDoubles(1024);
  final NativeInts edgeParent = new NativeInts(1024);
  final NativeInts edgeChild = new NativeInts(1024);
  int numNodes;
  int numEdges;
  int numSamples;
  double sequenceLength;

  void reset(int samples, double length) {
    numNodes = 0;
    numEdges = 0;
    numSamples = samples;
    sequenceLength = length;
  }

  private long nodeCapacity = 256;
  private long edgeCapacity = 1024;

  int addNode(double time, int deme) {
    if (numNodes == nodeCapacity) {
      nodeCapacity *= 2;
      nodeTime.ensure(nodeCapacity);
      nodeDeme.ensure(nodeCapacity);
    }
    nodeTime.set(numNodes, time);
    nodeDeme.set(numNodes, deme);
    return numNodes++;
  }

  void addEdge(double left, double right, int parent, int child) {
    if (numEdges == edgeCapacity) {
      edgeCapacity *= 2;
      edgeLeft.ensure(edgeCapacity);
      edgeRight.ensure(edgeCapacity);
      edgeParent.ensure(edgeCapacity);
      edgeChild.ensure(edgeCapacity);
    }
    edgeLeft.set(numEdges, left);
    edgeRight.set(numEdges, right);
    edgeParent.set(numEdges, parent);
    edgeChild.set(numEdges, child);
    numEdges++;
  }

  public int numNodes() {
    return numNodes;
  }

  public int numEdges() {
    return numEdges;
  }

  public int numSamples() {
    return numSamples;
  }

  public double sequenceLength() {
    return sequenceLength;
  }

  /** Node times in native memory, for hot loops (see {@link NativeDoubles#segment()}). */
  public NativeDoubles nodeTimes() {
    return nodeTime;
  }

  public double nodeTime(int u) {
    return nodeTime.get(u);
  }

  public int nodeDeme(int u) {
    return nodeDeme.get(u);
  }

  public double edgeLeft(int e) {
    return edgeLeft.get(e);
  }

  public double edgeRight(int e) {
    return edgeRight.get(e);
  }

  public int edgeParent(int e) {
    return edgeParent.get(e);
  }

  public int edgeChild(int e) {
    return edgeChild.get(e);
  }
}
