package dev.mainspring.sim;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Tree-sequence tables as tskit defines them (nodes, edges, sites, mutations, individuals,
 * populations), as plain arrays. States and metadata are kept in tskit's ragged form (bytes plus
 * {@code num_rows + 1} offsets). Build with {@link Builder}; check with
 * {@link TreeSequenceValidator}; read and write with {@code dev.mainspring.io.TreesFile}.
 */
public final class TreeSequence {
  public static final int NODE_IS_SAMPLE = 1;
  /** tskit's JSON schema for population metadata, as msprime writes it. */
  public static final String POPULATION_SCHEMA = "{\"additionalProperties\":true,\"codec\":\"json\","
      + "\"properties\":{\"description\":{\"type\":[\"string\",\"null\"]},\"name\":{\"type\":\"string\"}},"
      + "\"required\":[\"name\",\"description\"],\"type\":\"object\"}";

  public final double sequenceLength;
  public final String timeUnits;

  public final int[] nodeFlags;
  public final double[] nodeTime;
  public final int[] nodePopulation;
  public final int[] nodeIndividual;

  public final double[] edgeLeft;
  public final double[] edgeRight;
  public final int[] edgeParent;
  public final int[] edgeChild;

  public final double[] sitePosition;
  public final byte[] ancestralState;
  public final int[] ancestralStateOffset;

  public final int[] mutationSite;
  public final int[] mutationNode;
  public final int[] mutationParent;
  public final double[] mutationTime;
  public final byte[] derivedState;
  public final int[] derivedStateOffset;

  public final int[] individualFlags;
  public final double[] individualLocation;
  public final int[] individualLocationOffset;
  public final int[] individualParents;
  public final int[] individualParentsOffset;

  public final byte[] populationMetadata;
  public final int[] populationMetadataOffset;
  public final byte[] populationMetadataSchema;

  TreeSequence(Builder b) {
    sequenceLength = b.sequenceLength;
    timeUnits = b.timeUnits;
    nodeFlags = b.nodeFlags.array();
    nodeTime = b.nodeTime.array();
    nodePopulation = b.nodePopulation.array();
    nodeIndividual = b.nodeIndividual.array();
    edgeLeft = b.edgeLeft.array();
    edgeRight = b.edgeRight.array();
    edgeParent = b.edgeParent.array();
    edgeChild = b.edgeChild.array();
    sitePosition = b.sitePosition.array();
    ancestralState = b.ancestralState.array();
    ancestralStateOffset = b.ancestralStateOffset.array();
    mutationSite = b.mutationSite.array();
    mutationNode = b.mutationNode.array();
    mutationParent = b.mutationParent.array();
    mutationTime = b.mutationTime.array();
    derivedState = b.derivedState.array();
    derivedStateOffset = b.derivedStateOffset.array();
    individualFlags = b.individualFlags.array();
    individualLocation = b.individualLocation.array();
    individualLocationOffset = b.individualLocationOffset.array();
    individualParents = b.individualParents.array();
    individualParentsOffset = b.individualParentsOffset.array();
    populationMetadata = b.populationMetadata.array();
    populationMetadataOffset = b.populationMetadataOffset.array();
    populationMetadataSchema = b.populationMetadataSchema;
  }

  public int numNodes() {
    return nodeTime.length;
  }

  public int numEdges() {
    return edgeLeft.length;
  }

  public int numSites() {
    return sitePosition.length;
  }

  public int numMutations() {
    return mutationSite.length;
  }

  public int numIndividuals() {
    return individualFlags.length;
  }

  public int numPopulations() {
    return populationMetadataOffset.length - 1;
  }

  public int numSamples() {
    int c = 0;
    for (int f : nodeFlags) {
      c += f & NODE_IS_SAMPLE;
    }
    return c;
  }

  public int[] samples() {
    int[] s = new int[numSamples()];
    int k = 0;
    for (int u = 0; u < nodeFlags.length; u++) {
      if ((nodeFlags[u] & NODE_IS_SAMPLE) != 0) {
        s[k++] = u;
      }
    }
    return s;
  }

  public String ancestralState(int site) {
    return new String(ancestralState, ancestralStateOffset[site],
        ancestralStateOffset[site + 1] - ancestralStateOffset[site], StandardCharsets.UTF_8);
  }

  public String derivedState(int mutation) {
    return new String(derivedState, derivedStateOffset[mutation],
        derivedStateOffset[mutation + 1] - derivedStateOffset[mutation], StandardCharsets.UTF_8);
  }

  public String populationMetadata(int population) {
    return new String(populationMetadata, populationMetadataOffset[population],
        populationMetadataOffset[population + 1] - populationMetadataOffset[population],
        StandardCharsets.UTF_8);
  }

  /** These tables' nodes and edges in native form, for {@link TreeIterator}; samples must be 0..n-1. */
  public AncestryTables toAncestryTables() {
    AncestryTables a = new AncestryTables();
    a.reset(numSamples(), sequenceLength);
    for (int u = 0; u < numNodes(); u++) {
      a.addNode(nodeTime[u], Math.max(0, nodePopulation[u]));
    }
    for (int e = 0; e < numEdges(); e++) {
      a.addEdge(edgeLeft[e], edgeRight[e], edgeParent[e], edgeChild[e]);
    }
    return a;
  }

  /** A fresh iterator positioned before the first tree. */
  public TreeIterator trees() {
    TreeIterator it = new TreeIterator();
    it.reset(toAncestryTables());
    return it;
  }

  public int numTrees() {
    TreeIterator it = trees();
    int k = 0;
    while (it.next()) {
      k++;
    }
    return k;
  }

  /**
   * The tables of one simulation: nodes and edges from the ancestry, one site with one mutation
   * ("0" to "1") per infinite-sites mutation (if {@code sites} is given), samples grouped into
   * individuals of {@code ploidy} consecutive genomes, one population per deme.
   */
  public static TreeSequence fromSimulation(AncestryTables a, InfiniteSites sites, int ploidy, int demes) {
    int n = a.numSamples();
    if (ploidy < 1 || n % ploidy != 0) {
      throw new IllegalArgumentException(n + " sample genomes cannot form individuals of ploidy " + ploidy);
    }
    Builder b = new Builder(a.sequenceLength());
    for (int d = 0; d < demes; d++) {
      b.addPopulation("pop_" + d);
    }
    for (int i = 0; i < n / ploidy; i++) {
      b.addIndividual(0, new double[0], new int[0]);
    }
    for (int u = 0; u < a.numNodes(); u++) {
      boolean sample = u < n;
      b.addNode(sample ? NODE_IS_SAMPLE : 0, a.nodeTime(u), a.nodeDeme(u), sample ? u / ploidy : -1);
    }
    for (int e = 0; e < a.numEdges(); e++) {
      b.addEdge(a.edgeLeft(e), a.edgeRight(e), a.edgeParent(e), a.edgeChild(e));
    }
    if (sites != null) {
      for (int l = 0; l < sites.numSites(); l++) {
        b.addSite(sites.position(l), "0");
        b.addMutation(l, sites.node(l), sites.time(l), "1", -1);
      }
    }
    return b.build();
  }

  /**
   * The part of these tables over [lo, hi), shifted to start at 0: edges clipped to the window,
   * the sites inside it with their mutations; nodes, individuals and populations are kept whole
   * (tskit allows unreferenced nodes), so node ids are unchanged.
   */
  public TreeSequence window(double lo, double hi) {
    if (!(lo >= 0 && lo < hi && hi <= sequenceLength)) {
      throw new IllegalArgumentException("window [" + lo + ", " + hi + ") not inside [0, " + sequenceLength + ")");
    }
    Builder b = new Builder(hi - lo).timeUnits(timeUnits).populationMetadataSchema(populationMetadataSchema);
    for (int p = 0; p < numPopulations(); p++) {
      b.addPopulationMetadata(java.util.Arrays.copyOfRange(populationMetadata, populationMetadataOffset[p],
          populationMetadataOffset[p + 1]));
    }
    for (int i = 0; i < numIndividuals(); i++) {
      b.addIndividual(individualFlags[i],
          java.util.Arrays.copyOfRange(individualLocation, individualLocationOffset[i], individualLocationOffset[i + 1]),
          java.util.Arrays.copyOfRange(individualParents, individualParentsOffset[i], individualParentsOffset[i + 1]));
    }
    for (int u = 0; u < numNodes(); u++) {
      b.addNode(nodeFlags[u], nodeTime[u], nodePopulation[u], nodeIndividual[u]);
    }
    for (int e = 0; e < numEdges(); e++) {
      double l = Math.max(edgeLeft[e], lo);
      double r = Math.min(edgeRight[e], hi);
      if (l < r) {
        b.addEdge(l - lo, r - lo, edgeParent[e], edgeChild[e]);
      }
    }
    int[] newSite = new int[numSites()];
    for (int s = 0; s < numSites(); s++) {
      newSite[s] = sitePosition[s] >= lo && sitePosition[s] < hi ? b.addSite(sitePosition[s] - lo, ancestralState(s)) : -1;
    }
    int[] newMutation = new int[numMutations()];
    for (int m = 0; m < numMutations(); m++) {
      int s = newSite[mutationSite[m]];
      newMutation[m] = s < 0 ? -1 : b.addMutation(s, mutationNode[m], mutationTime[m], derivedState(m),
          mutationParent[m] < 0 ? -1 : newMutation[mutationParent[m]]);
    }
    return b.build();
  }

  /** Builds tables row by row, like tskit's {@code add_row}. */
  public static final class Builder {
    private final double sequenceLength;
    private String timeUnits = "generations";
    final DoubleList nodeTime = new DoubleList();
    final IntList nodeFlags = new IntList();
    final IntList nodePopulation = new IntList();
    final IntList nodeIndividual = new IntList();
    final DoubleList edgeLeft = new DoubleList();
    final DoubleList edgeRight = new DoubleList();
    final IntList edgeParent = new IntList();
    final IntList edgeChild = new IntList();
    final DoubleList sitePosition = new DoubleList();
    final ByteList ancestralState = new ByteList();
    final IntList ancestralStateOffset = IntList.ofZero();
    final IntList mutationSite = new IntList();
    final IntList mutationNode = new IntList();
    final IntList mutationParent = new IntList();
    final DoubleList mutationTime = new DoubleList();
    final ByteList derivedState = new ByteList();
    final IntList derivedStateOffset = IntList.ofZero();
    final IntList individualFlags = new IntList();
    final DoubleList individualLocation = new DoubleList();
    final IntList individualLocationOffset = IntList.ofZero();
    final IntList individualParents = new IntList();
    final IntList individualParentsOffset = IntList.ofZero();
    final ByteList populationMetadata = new ByteList();
    final IntList populationMetadataOffset = IntList.ofZero();
    byte[] populationMetadataSchema = POPULATION_SCHEMA.getBytes(StandardCharsets.UTF_8);

    public Builder(double sequenceLength) {
      this.sequenceLength = sequenceLength;
    }

    public Builder timeUnits(String units) {
      timeUnits = units;
      return this;
    }

    public int addNode(int flags, double time, int population, int individual) {
      nodeFlags.add(flags);
      nodeTime.add(time);
      nodePopulation.add(population);
      nodeIndividual.add(individual);
      return nodeTime.size() - 1;
    }

    public int addEdge(double left, double right, int parent, int child) {
      edgeLeft.add(left);
      edgeRight.add(right);
      edgeParent.add(parent);
      edgeChild.add(child);
      return edgeLeft.size() - 1;
    }

    public int addSite(double position, String ancestral) {
      sitePosition.add(position);
      ancestralState.add(ancestral.getBytes(StandardCharsets.UTF_8));
      ancestralStateOffset.add(ancestralState.size());
      return sitePosition.size() - 1;
    }

    public int addMutation(int site, int node, double time, String derived, int parent) {
      mutationSite.add(site);
      mutationNode.add(node);
      mutationTime.add(time);
      mutationParent.add(parent);
      derivedState.add(derived.getBytes(StandardCharsets.UTF_8));
      derivedStateOffset.add(derivedState.size());
      return mutationSite.size() - 1;
    }

    public int addIndividual(int flags, double[] location, int[] parents) {
      individualFlags.add(flags);
      for (double x : location) {
        individualLocation.add(x);
      }
      individualLocationOffset.add(individualLocation.size());
      for (int p : parents) {
        individualParents.add(p);
      }
      individualParentsOffset.add(individualParents.size());
      return individualFlags.size() - 1;
    }

    /** A population with msprime-style JSON metadata {"description":"","name":NAME}. */
    public int addPopulation(String name) {
      String json = "{\"description\":\"\",\"name\":\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
      return addPopulationMetadata(json.getBytes(StandardCharsets.UTF_8));
    }

    public int addPopulationMetadata(byte[] metadata) {
      populationMetadata.add(metadata);
      populationMetadataOffset.add(populationMetadata.size());
      return populationMetadataOffset.size() - 2;
    }

    public Builder populationMetadataSchema(byte[] schema) {
      populationMetadataSchema = schema.clone();
      return this;
    }

    public int numNodes() {
      return nodeTime.size();
    }

    public TreeSequence build() {
      return new TreeSequence(this);
    }
  }

  static final class DoubleList {
    private double[] a = new double[16];
    private int n;

    void add(double v) {
      if (n == a.length) {
        a = Arrays.copyOf(a, 2 * n);
      }
      a[n++] = v;
    }

    int size() {
      return n;
    }

    double[] array() {
      return Arrays.copyOf(a, n);
    }
  }

  static final class IntList {
    private int[] a = new int[16];
    private int n;

    static IntList ofZero() {
      IntList l = new IntList();
      l.add(0);
      return l;
    }

    void add(int v) {
      if (n == a.length) {
        a = Arrays.copyOf(a, 2 * n);
      }
      a[n++] = v;
    }

    int size() {
      return n;
    }

    int[] array() {
      return Arrays.copyOf(a, n);
    }
  }

  static final class ByteList {
    private byte[] a = new byte[64];
    private int n;

    void add(byte[] v) {
      while (n + v.length > a.length) {
        a = Arrays.copyOf(a, 2 * a.length);
      }
      System.arraycopy(v, 0, a, n, v.length);
      n += v.length;
    }

    int size() {
      return n;
    }

    byte[] array() {
      return Arrays.copyOf(a, n);
    }
  }
}
