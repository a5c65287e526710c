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
  static final int SFS_NOT_A_TREE = 5;
  static final int THREADING = 6;

  private IndexErrors() {}

  /** The error a device record describes, worded as the CPU kernels word it. */
  static RuntimeException exception(int code, int position, int value, int bound) {
    if (code == SFS_NOT_A_TREE) {
      String why = switch (value) {
        case 1 -> "a node has a parent outside [-1, 2n-1)";
        case 2 -> "it does not have exactly one root (parent -1)";
        case 3 -> "a leaf has children";
        case 4 -> "some nodes lie on a cycle of parent links";
        default -> "reason " + value;
      };
      return new IllegalArgumentException("sfs: parents[" + position / bound + ", " + position % bound
          + "] is not a tree: " + why + " (found by the CUDA kernel)");
    }
    if (code == THREADING) {
      return new IllegalArgumentException("threading: at site " + position + " (flat b·S + l), sample " + value
          + switch (bound) {
            case 1 -> " has a target outside [0, " + value + ")";
            case 2 -> " has a join time that is not positive and finite";
            case 3 -> " has no hard target (no nonzero entry at j < " + value + " in its one-hot row)";
            default -> " is invalid (reason " + bound + ")";
          } + " (found by the CUDA kernel)");
    }
    return dev.mainspring.tensor.ops.Index.outOfRange(opName(code), position, value, bound,
        "found by the CUDA kernel; reported at the first synchronisation after it");
  }

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
