package dev.mainspring.sim.prior;

import java.util.Locale;

/**
 * The seed's curriculum phases, as demography priors: phase 1 a constant size, phase 2 one or two
 * size changes, phase 3 the full prior (1-7 changes), phase 4 the full prior plus departures from
 * the training model (two-deme island migration, genotype errors, recombination hotspots).
 */
public enum CurriculumPhase {
  PHASE1(0, 0, false),
  PHASE2(1, 2, false),
  PHASE3(1, 7, false),
  PHASE4(1, 7, true);

  /** Smallest and largest number of size changes K (the seed draws K ~ U{1..7}). */
  public final int minChanges;
  public final int maxChanges;
  public final boolean departures;

  CurriculumPhase(int minChanges, int maxChanges, boolean departures) {
    this.minChanges = minChanges;
    this.maxChanges = maxChanges;
    this.departures = departures;
  }

  /** Parses "phase1" .. "phase4" (or "1" .. "4"). */
  public static CurriculumPhase parse(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    return switch (t) {
      case "phase1", "1" -> PHASE1;
      case "phase2", "2" -> PHASE2;
      case "phase3", "3" -> PHASE3;
      case "phase4", "4" -> PHASE4;
      default -> throw new IllegalArgumentException("unknown prior '" + s + "': use phase1, phase2, phase3 or phase4");
    };
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
