#include <malloc.h>

#include <iostream>
#include <string>
#include <vector>

#include "cli/run.hpp"

int main(int argc, char** argv) {
  // Column buffers of a megabyte and more come straight from mmap, so the old buffer a
  // growing column leaves behind goes back to the system instead of staying resident in
  // the heap. (glibc's default threshold rises with every such free, up to 32 MiB.)
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
  std::vector<std::string> args(argv + 1, argv + argc);
  return kvo::cli::run(args, std::cout, std::cerr);
}
