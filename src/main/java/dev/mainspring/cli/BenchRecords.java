package dev.mainspring.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** How the bench commands write a measurement: one JSON object per line, values to three decimals. */
final class BenchRecords {
  private static final ObjectMapper JSON = new ObjectMapper();

  private BenchRecords() {}

  /** Three decimals: below the run-to-run noise of every measurement, and short lines. */
  static double round3(double x) {
    return Math.round(x * 1000.0) / 1000.0;
  }

  /** One measurement as a line on the command's stdout, flushed so that a run cut short keeps it. */
  static void print(CommandSpec spec, Map<String, Object> rec) throws JsonProcessingException {
    PrintWriter out = spec.commandLine().getOut();
    out.println(JSON.writeValueAsString(rec));
    out.flush();
  }
}
