package dev.mainspring.bindings;

/**
 * The library's own words for a status code: its enum name ({@code CUDA_ERROR_OUT_OF_MEMORY}) and its
 * message ({@code out of memory}). Either may be null when the library does not know the code or is absent.
 */
public interface StatusText {
  String name(int status);

  String message(int status);
}
