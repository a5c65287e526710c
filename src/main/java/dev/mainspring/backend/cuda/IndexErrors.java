package dev.mainspring.backend.cuda;

/**
 * The codes index kernels write into the device error record (see {@code cuda/common.cuh},
 * {@code ms_report_index}); the host turns them back into the op's name.
 */
final class IndexErrors {
  static final int SELECT = 1;
  static final int SCATTER_ADD = 2;
  static final int GATHER = 3;
  static final int ONE_HOT = 4;

  private IndexErrors() {}

  static String opName(int code) {
    return switch (code) {
      case SELECT -> "indexSelect";
      case SCATTER_ADD -> "scatterAdd";
      case GATHER -> "gather";
      case ONE_HOT -> "oneHot";
      default -> "index kernel (code " + code + ")";
    };
  }
}
