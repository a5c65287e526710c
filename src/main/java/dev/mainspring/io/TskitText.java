package dev.mainspring.io;

import dev.mainspring.sim.TreeSequence;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * tskit's text format, as {@code TreeSequence.dump_text} writes it and {@code tskit.load_text}
 * reads it: one tab-separated table per file with a header row. Positions and node times use
 * fixed {@code precision} decimals (tskit's default is 6); mutation times are written as Python
 * prints floats ("unknown" for NaN); metadata is base64 (tskit's default), empty here except
 * population metadata. The reader takes the node, edge, site and mutation tables (columns found
 * by header name, as tskit's loader does) and an optional population table.
 */
public final class TskitText {
  public static final int DEFAULT_PRECISION = 6;

  private TskitText() {}

  public static void writeNodes(TreeSequence ts, Writer out, int precision) throws IOException {
    out.write("id\tis_sample\ttime\tpopulation\tindividual\tmetadata\n");
    for (int u = 0; u < ts.numNodes(); u++) {
      out.write(u + "\t" + (ts.nodeFlags[u] & TreeSequence.NODE_IS_SAMPLE) + "\t" + fixed(ts.nodeTime[u], precision)
          + "\t" + ts.nodePopulation[u] + "\t" + ts.nodeIndividual[u] + "\t\n");
    }
  }

  public static void writeEdges(TreeSequence ts, Writer out, int precision) throws IOException {
    out.write("left\tright\tparent\tchild\tmetadata\n");
    for (int e = 0; e < ts.numEdges(); e++) {
      out.write(fixed(ts.edgeLeft[e], precision) + "\t" + fixed(ts.edgeRight[e], precision) + "\t" + ts.edgeParent[e]
          + "\t" + ts.edgeChild[e] + "\t\n");
    }
  }

  public static void writeSites(TreeSequence ts, Writer out, int precision) throws IOException {
    out.write("position\tancestral_state\tmetadata\n");
    for (int s = 0; s < ts.numSites(); s++) {
      out.write(fixed(ts.sitePosition[s], precision) + "\t" + ts.ancestralState(s) + "\t\n");
    }
  }

  public static void writeMutations(TreeSequence ts, Writer out) throws IOException {
    out.write("site\tnode\ttime\tderived_state\tparent\tmetadata\n");
    for (int m = 0; m < ts.numMutations(); m++) {
      double t = ts.mutationTime[m];
      out.write(ts.mutationSite[m] + "\t" + ts.mutationNode[m] + "\t" + (Double.isNaN(t) ? "unknown" : pythonFloat(t))
          + "\t" + ts.derivedState(m) + "\t" + ts.mutationParent[m] + "\t\n");
    }
  }

  public static void writeIndividuals(TreeSequence ts, Writer out) throws IOException {
    out.write("id\tflags\tlocation\tparents\tmetadata\n");
    for (int i = 0; i < ts.numIndividuals(); i++) {
      StringBuilder loc = new StringBuilder();
      for (int k = ts.individualLocationOffset[i]; k < ts.individualLocationOffset[i + 1]; k++) {
        loc.append(loc.isEmpty() ? "" : ",").append(pythonFloat(ts.individualLocation[k]));
      }
      StringBuilder par = new StringBuilder();
      for (int k = ts.individualParentsOffset[i]; k < ts.individualParentsOffset[i + 1]; k++) {
        par.append(par.isEmpty() ? "" : ",").append(ts.individualParents[k]);
      }
      out.write(i + "\t" + ts.individualFlags[i] + "\t" + loc + "\t" + par + "\t\n");
    }
  }

  public static void writePopulations(TreeSequence ts, Writer out) throws IOException {
    out.write("id\tmetadata\n");
    Base64.Encoder b64 = Base64.getEncoder();
    for (int p = 0; p < ts.numPopulations(); p++) {
      byte[] meta = java.util.Arrays.copyOfRange(ts.populationMetadata, ts.populationMetadataOffset[p],
          ts.populationMetadataOffset[p + 1]);
      out.write(p + "\t" + b64.encodeToString(meta) + "\n");
    }
  }

  /** Python's {@code "{:.{p}f}".format(x)}. */
  static String fixed(double x, int precision) {
    return String.format(Locale.ROOT, "%." + precision + "f", x);
  }

  /** Python's {@code str(float)}: shortest round-trip digits, exponent outside [1e-4, 1e16). */
  static String pythonFloat(double x) {
    if (Double.isNaN(x)) {
      return "nan";
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? "inf" : "-inf";
    }
    if (x == 0) {
      return (1 / x < 0) ? "-0.0" : "0.0";
    }
    double a = Math.abs(x);
    String shortest = Double.toString(x); // Java also prints the shortest round-trip digits
    BigDecimal d = new BigDecimal(shortest);
    if (a >= 1e-4 && a < 1e16) {
      String plain = d.stripTrailingZeros().toPlainString();
      return plain.contains(".") ? plain : plain + ".0";
    }
    String digits = d.unscaledValue().abs().toString().replaceAll("0+$", "");
    if (digits.isEmpty()) {
      digits = "0";
    }
    int exponent = d.precision() - d.scale() - 1;
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return (x < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d",
        Math.abs(exponent));
  }

  /** Reads tables written by tskit or by this class; {@code populations} may be null. */
  public static TreeSequence read(Reader nodes, Reader edges, Reader sites, Reader mutations, Reader populations,
      double sequenceLength) throws IOException {
    TreeSequence.Builder b = new TreeSequence.Builder(sequenceLength);
    if (populations != null) {
      Base64.Decoder b64 = Base64.getDecoder();
      for (Map<String, String> row : rows(populations)) {
        b.addPopulationMetadata(b64.decode(row.getOrDefault("metadata", "")));
      }
    }
    int individuals = 0;
    List<Map<String, String>> nodeRows = rows(nodes);
    for (Map<String, String> row : nodeRows) {
      individuals = Math.max(individuals, Integer.parseInt(row.getOrDefault("individual", "-1")) + 1);
    }
    for (int i = 0; i < individuals; i++) {
      b.addIndividual(0, new double[0], new int[0]);
    }
    for (Map<String, String> row : nodeRows) {
      b.addNode(Integer.parseInt(row.get("is_sample")) != 0 ? TreeSequence.NODE_IS_SAMPLE : 0,
          Double.parseDouble(row.get("time")), Integer.parseInt(row.getOrDefault("population", "-1")),
          Integer.parseInt(row.getOrDefault("individual", "-1")));
    }
    for (Map<String, String> row : rows(edges)) {
      b.addEdge(Double.parseDouble(row.get("left")), Double.parseDouble(row.get("right")),
          Integer.parseInt(row.get("parent")), Integer.parseInt(row.get("child")));
    }
    if (sites != null) {
      for (Map<String, String> row : rows(sites)) {
        b.addSite(Double.parseDouble(row.get("position")), row.get("ancestral_state"));
      }
    }
    if (mutations != null) {
      for (Map<String, String> row : rows(mutations)) {
        String t = row.getOrDefault("time", "unknown");
        b.addMutation(Integer.parseInt(row.get("site")), Integer.parseInt(row.get("node")),
            t.equals("unknown") ? Double.NaN : Double.parseDouble(t), row.get("derived_state"),
            Integer.parseInt(row.getOrDefault("parent", "-1")));
      }
    }
    return b.build();
  }

  private static List<Map<String, String>> rows(Reader in) throws IOException {
    BufferedReader r = new BufferedReader(in);
    String header = r.readLine();
    if (header == null) {
      throw new IOException("empty table (no header line)");
    }
    String[] names = header.split("\t", -1);
    List<Map<String, String>> out = new ArrayList<>();
    String line;
    int lineNo = 1;
    while ((line = r.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split("\t", -1);
      Map<String, String> row = new HashMap<>();
      for (int k = 0; k < names.length && k < cells.length; k++) {
        row.put(names[k].trim(), cells[k].trim());
      }
      if (row.values().stream().allMatch(String::isEmpty)) {
        throw new IOException("line " + lineNo + " has no values");
      }
      out.add(row);
    }
    return out;
  }
}
