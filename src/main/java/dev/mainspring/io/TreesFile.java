package dev.mainspring.io;

import dev.mainspring.io.Kastore.Item;
import dev.mainspring.io.Kastore.Type;
import dev.mainspring.sim.TreeIterator;
import dev.mainspring.sim.TreeSequence;
import dev.mainspring.sim.TreeSequenceValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;

/**
 * tskit's {@code .trees} format (file format 12.7) on top of {@link Kastore}. The writer emits
 * exactly the 62 keys, element types and layout tskit 0.5 writes (checked in the tests against a
 * file written by tskit itself): table columns, ragged columns as bytes plus u32 offsets, empty
 * metadata and schemas where we have none, msprime's population metadata and schema, the edge
 * insertion/removal indexes, one provenance record, {@code time_units = "generations"} and a uuid.
 * The reader accepts any file of format major version 12.
 */
public final class TreesFile {
  public static final String FORMAT_NAME = "tskit.trees";
  public static final int FORMAT_MAJOR = 12;
  public static final int FORMAT_MINOR = 7;

  private TreesFile() {}

  /** Writes {@code ts} with a provenance record (a JSON object) and a fresh random uuid. */
  public static void write(TreeSequence ts, Path path, String provenanceRecord) throws IOException {
    Kastore.write(path, items(ts, provenanceRecord, UUID.randomUUID().toString()));
  }

  /** The file image; the tables must be valid (tskit would refuse to load them otherwise). */
  public static byte[] bytes(TreeSequence ts, String provenanceRecord, String uuid) {
    return Kastore.format(items(ts, provenanceRecord, uuid));
  }

  static Map<String, Item> items(TreeSequence ts, String provenanceRecord, String uuid) {
    TreeSequenceValidator.requireValid(ts);
    if (uuid.length() != 36) {
      throw new IllegalArgumentException("a tskit uuid has 36 characters");
    }
    Map<String, Item> m = new LinkedHashMap<>();
    int nodes = ts.numNodes();
    int edges = ts.numEdges();
    int sites = ts.numSites();
    int mutations = ts.numMutations();
    int individuals = ts.numIndividuals();
    byte[] none = new byte[0];

    m.put("format/name", Item.ofString(Type.INT8, FORMAT_NAME));
    m.put("format/version", Item.ofInts(Type.UINT32, new int[] {FORMAT_MAJOR, FORMAT_MINOR}));
    m.put("sequence_length", Item.ofDoubles(new double[] {ts.sequenceLength}));
    m.put("uuid", Item.ofString(Type.INT8, uuid));
    m.put("time_units", Item.ofString(Type.INT8, ts.timeUnits));
    m.put("metadata", Item.ofBytes(Type.INT8, none));
    m.put("metadata_schema", Item.ofBytes(Type.INT8, none));

    m.put("nodes/flags", Item.ofInts(Type.UINT32, ts.nodeFlags));
    m.put("nodes/time", Item.ofDoubles(ts.nodeTime));
    m.put("nodes/population", Item.ofInts(Type.INT32, ts.nodePopulation));
    m.put("nodes/individual", Item.ofInts(Type.INT32, ts.nodeIndividual));
    emptyMetadata(m, "nodes", nodes);

    m.put("edges/left", Item.ofDoubles(ts.edgeLeft));
    m.put("edges/right", Item.ofDoubles(ts.edgeRight));
    m.put("edges/parent", Item.ofInts(Type.INT32, ts.edgeParent));
    m.put("edges/child", Item.ofInts(Type.INT32, ts.edgeChild));
    emptyMetadata(m, "edges", edges);

    m.put("migrations/left", Item.ofDoubles(new double[0]));
    m.put("migrations/right", Item.ofDoubles(new double[0]));
    m.put("migrations/node", Item.ofInts(Type.INT32, new int[0]));
    m.put("migrations/source", Item.ofInts(Type.INT32, new int[0]));
    m.put("migrations/dest", Item.ofInts(Type.INT32, new int[0]));
    m.put("migrations/time", Item.ofDoubles(new double[0]));
    emptyMetadata(m, "migrations", 0);

    m.put("sites/position", Item.ofDoubles(ts.sitePosition));
    m.put("sites/ancestral_state", Item.ofBytes(Type.UINT8, ts.ancestralState));
    m.put("sites/ancestral_state_offset", Item.ofInts(Type.UINT32, ts.ancestralStateOffset));
    emptyMetadata(m, "sites", sites);

    m.put("mutations/site", Item.ofInts(Type.INT32, ts.mutationSite));
    m.put("mutations/node", Item.ofInts(Type.INT32, ts.mutationNode));
    m.put("mutations/parent", Item.ofInts(Type.INT32, ts.mutationParent));
    m.put("mutations/time", Item.ofDoubles(ts.mutationTime));
    m.put("mutations/derived_state", Item.ofBytes(Type.UINT8, ts.derivedState));
    m.put("mutations/derived_state_offset", Item.ofInts(Type.UINT32, ts.derivedStateOffset));
    emptyMetadata(m, "mutations", mutations);

    m.put("individuals/flags", Item.ofInts(Type.UINT32, ts.individualFlags));
    m.put("individuals/location", Item.ofDoubles(ts.individualLocation));
    m.put("individuals/location_offset", Item.ofInts(Type.UINT32, ts.individualLocationOffset));
    m.put("individuals/parents", Item.ofInts(Type.INT32, ts.individualParents));
    m.put("individuals/parents_offset", Item.ofInts(Type.UINT32, ts.individualParentsOffset));
    emptyMetadata(m, "individuals", individuals);

    m.put("populations/metadata", Item.ofBytes(Type.UINT8, ts.populationMetadata));
    m.put("populations/metadata_offset", Item.ofInts(Type.UINT32, ts.populationMetadataOffset));
    m.put("populations/metadata_schema", Item.ofBytes(Type.UINT8, ts.populationMetadataSchema));

    byte[] record = provenanceRecord.getBytes(StandardCharsets.UTF_8);
    byte[] timestamp = LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
        .getBytes(StandardCharsets.UTF_8);
    m.put("provenances/record", Item.ofBytes(Type.UINT8, record));
    m.put("provenances/record_offset", Item.ofInts(Type.UINT32, new int[] {0, record.length}));
    m.put("provenances/timestamp", Item.ofBytes(Type.UINT8, timestamp));
    m.put("provenances/timestamp_offset", Item.ofInts(Type.UINT32, new int[] {0, timestamp.length}));

    int[][] order = edgeIndexes(ts);
    m.put("indexes/edge_insertion_order", Item.ofInts(Type.INT32, order[0]));
    m.put("indexes/edge_removal_order", Item.ofInts(Type.INT32, order[1]));
    return m;
  }

  /** A table's metadata column (empty), its all-zero offsets and an empty schema. */
  private static void emptyMetadata(Map<String, Item> m, String table, int rows) {
    m.put(table + "/metadata", Item.ofBytes(Type.UINT8, new byte[0]));
    m.put(table + "/metadata_offset", Item.ofInts(Type.UINT32, new int[rows + 1]));
    m.put(table + "/metadata_schema", Item.ofBytes(Type.UINT8, new byte[0]));
  }

  /**
   * tskit's indexes: edges by (left, parent time, parent, child) for insertion and by (right,
   * -parent time, -parent, -child) for removal. Valid tables are sorted by (parent time, parent,
   * child, left), so stable sorts by left, and by right over the reversed table, give them.
   */
  static int[][] edgeIndexes(TreeSequence ts) {
    TreeIterator it = ts.trees();
    int e = ts.numEdges();
    int[] insertion = new int[e];
    int[] removal = new int[e];
    for (int k = 0; k < e; k++) {
      insertion[k] = it.insertionOrder(k);
      removal[k] = it.removalOrder(k);
    }
    return new int[][] {insertion, removal};
  }

  public static TreeSequence read(Path path) throws IOException {
    SortedMap<String, Item> m = Kastore.read(path);
    try {
      return fromItems(m);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new IOException(path + ": " + e.getMessage(), e);
    }
  }

  static TreeSequence fromItems(SortedMap<String, Item> m) {
    String name = require(m, "format/name").asString();
    if (!FORMAT_NAME.equals(name)) {
      throw new IllegalArgumentException("not a tskit file (format/name is '" + name + "')");
    }
    int[] version = require(m, "format/version").asInts();
    if (version.length < 1 || version[0] != FORMAT_MAJOR) {
      throw new IllegalArgumentException("tskit file format " + Arrays.toString(version) + " is not supported (need 12.x)");
    }
    double length = require(m, "sequence_length").asDoubles()[0];
    TreeSequence.Builder b = new TreeSequence.Builder(length);
    if (m.containsKey("time_units")) {
      b.timeUnits(m.get("time_units").asString());
    }
    int[] popOffset = require(m, "populations/metadata_offset").asInts();
    byte[] popMeta = require(m, "populations/metadata").bytes();
    if (m.containsKey("populations/metadata_schema")) {
      b.populationMetadataSchema(m.get("populations/metadata_schema").bytes());
    }
    for (int p = 0; p + 1 < popOffset.length; p++) {
      b.addPopulationMetadata(Arrays.copyOfRange(popMeta, popOffset[p], popOffset[p + 1]));
    }
    int[] indFlags = require(m, "individuals/flags").asInts();
    double[] location = require(m, "individuals/location").asDoubles();
    int[] locationOffset = require(m, "individuals/location_offset").asInts();
    int[] parents = m.containsKey("individuals/parents") ? m.get("individuals/parents").asInts() : new int[0];
    int[] parentsOffset = m.containsKey("individuals/parents_offset")
        ? m.get("individuals/parents_offset").asInts() : new int[indFlags.length + 1];
    for (int i = 0; i < indFlags.length; i++) {
      b.addIndividual(indFlags[i], Arrays.copyOfRange(location, locationOffset[i], locationOffset[i + 1]),
          Arrays.copyOfRange(parents, parentsOffset[i], parentsOffset[i + 1]));
    }
    int[] flags = require(m, "nodes/flags").asInts();
    double[] time = require(m, "nodes/time").asDoubles();
    int[] population = require(m, "nodes/population").asInts();
    int[] individual = require(m, "nodes/individual").asInts();
    for (int u = 0; u < flags.length; u++) {
      b.addNode(flags[u], time[u], population[u], individual[u]);
    }
    double[] left = require(m, "edges/left").asDoubles();
    double[] right = require(m, "edges/right").asDoubles();
    int[] parent = require(m, "edges/parent").asInts();
    int[] child = require(m, "edges/child").asInts();
    for (int e = 0; e < left.length; e++) {
      b.addEdge(left[e], right[e], parent[e], child[e]);
    }
    double[] position = require(m, "sites/position").asDoubles();
    byte[] ancestral = require(m, "sites/ancestral_state").bytes();
    int[] ancestralOffset = require(m, "sites/ancestral_state_offset").asInts();
    for (int s = 0; s < position.length; s++) {
      b.addSite(position[s], new String(ancestral, ancestralOffset[s], ancestralOffset[s + 1] - ancestralOffset[s],
          StandardCharsets.UTF_8));
    }
    int[] site = require(m, "mutations/site").asInts();
    int[] node = require(m, "mutations/node").asInts();
    int[] mutationParent = require(m, "mutations/parent").asInts();
    double[] mutationTime = m.containsKey("mutations/time") ? m.get("mutations/time").asDoubles() : null;
    byte[] derived = require(m, "mutations/derived_state").bytes();
    int[] derivedOffset = require(m, "mutations/derived_state_offset").asInts();
    for (int k = 0; k < site.length; k++) {
      b.addMutation(site[k], node[k], mutationTime == null ? Double.NaN : mutationTime[k],
          new String(derived, derivedOffset[k], derivedOffset[k + 1] - derivedOffset[k], StandardCharsets.UTF_8),
          mutationParent[k]);
    }
    return b.build();
  }

  private static Item require(Map<String, Item> m, String key) {
    Item item = m.get(key);
    if (item == null) {
      throw new IllegalArgumentException("missing required key '" + key + "'");
    }
    return item;
  }

  /** A provenance record in tskit's schema (version 1.0.0) for software {@code mainspring}. */
  public static String provenance(String version, String command, Map<String, Object> parameters) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("command", command);
    params.putAll(parameters);
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("schema_version", "1.0.0");
    record.put("software", Map.of("name", "mainspring", "version", version));
    record.put("parameters", params);
    record.put("environment", Map.of(
        "os", Map.of("system", System.getProperty("os.name"), "machine", System.getProperty("os.arch")),
        "java", Map.of("version", Runtime.version().toString())));
    try {
      return JSON.writeValueAsString(record);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("provenance parameters are not JSON-serialisable", e);
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
}
