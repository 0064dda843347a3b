// End-to-end tests that run the real `kvo` binary as a scheduled job would.
#include <catch2/catch.hpp>

#include <chrono>
#include <csignal>
#include <fstream>
#include <sstream>
#include <thread>

#include <sys/wait.h>
#include <unistd.h>

#include "io/core/sha256.hpp"
#include "io/gpkg/gpkg_reader.hpp"
#include "support/small_town.hpp"

namespace fs = std::filesystem;

namespace {


// Runs kvo with `args` (already quoted) and the given environment prefix; returns the exit status.
int run_kvo(const std::string& args, const std::string& env = "") {
  const std::string cmd = env + " " + std::string(KVO_EXECUTABLE) + " " + args + " >/dev/null 2>&1";
  const int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string shell_path(const kvo::test::TempDir& d, const char* name) {
  // Paths here contain an apostrophe: quote for the shell by closing and reopening.
  std::string p = (d.path() / name).string(), out = "'";
  for (char c : p) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

TEST_CASE("two runs with the same SOURCE_DATE_EPOCH write byte-identical GeoPackages", "[e2e][determinism]") {
  kvo::test::TempDir dir;
  kvo::test::write_small_town(dir, 400, 300);
  const std::string env = "SOURCE_DATE_EPOCH=1767225600";
  // The same file name in two folders: the embedded QGIS project refers to its own file by name.
  fs::create_directories(dir.path() / "a");
  fs::create_directories(dir.path() / "b");
  REQUIRE(run_kvo("run " + shell_path(dir, "nulmeting.toml") + " -o " + shell_path(dir, "a/uit.gpkg"), env) == 0);
  REQUIRE(run_kvo("run " + shell_path(dir, "nulmeting.toml") + " -o " + shell_path(dir, "b/uit.gpkg") + " --threads 1", env) == 0);
  CHECK(kvo::io::sha256_file(dir.path() / "a" / "uit.gpkg") == kvo::io::sha256_file(dir.path() / "b" / "uit.gpkg"));
}

TEST_CASE("a follow-up that changes a method key is refused, then allowed and recorded", "[e2e][followup]") {
  kvo::test::TempDir dir;
  kvo::test::write_small_town(dir, 300, 200);
  REQUIRE(run_kvo("run " + shell_path(dir, "nulmeting.toml") + " -o " + shell_path(dir, "nul.gpkg") + " -q") == 0);
  dir.write("anders.toml", kvo::test::small_town_spec("followup", "2025-01-01", "2025-12-31", "politie 2025.csv",
                                                      "[grid]\ncell_size = 77\n"));
  const std::string base = " --baseline " + shell_path(dir, "nul.gpkg");
  const std::string cmd = std::string(KVO_EXECUTABLE) + " run " + shell_path(dir, "anders.toml") + base + " -q 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  std::string message;
  char buf[512];
  while (fgets(buf, sizeof buf, pipe)) message += buf;
  const int status = pclose(pipe);
  CHECK(WEXITSTATUS(status) == 1);
  CHECK(message.find("grid.cell_size") != std::string::npos);
  CHECK(message.find("follow-up 77") != std::string::npos);
  CHECK(message.find("nul.gpkg") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.path() / "anders.gpkg"));

  REQUIRE(run_kvo("run " + shell_path(dir, "anders.toml") + base + " --allow-method-change -q") == 0);
  const auto m = kvo::io::read_gpkg_contents(dir.path() / "anders.gpkg").manifest;
  REQUIRE(m.count("method_deviations"));
  CHECK(m.at("method_deviations")[0]["key"] == "grid.cell_size");

  // The same method (all "auto") runs without complaint and repeats the baseline's grid.
  REQUIRE(run_kvo("run " + shell_path(dir, "vervolgmeting.toml") + base + " -q") == 0);
  const auto b = kvo::io::read_gpkg_contents(dir.path() / "nul.gpkg").manifest.at("spec");
  const auto f = kvo::io::read_gpkg_contents(dir.path() / "vervolgmeting.gpkg").manifest.at("spec");
  CHECK(f["grid"] == b["grid"]);
  CHECK(f["hotspots"] == b["hotspots"]);
  CHECK(f["density"] == b["density"]);
}

TEST_CASE("a run killed while writing leaves the previous output intact and readable", "[e2e][atomic]") {
  kvo::test::TempDir dir;
  kvo::test::write_small_town(dir, 300, 200);
  const fs::path out = dir.path() / "nachtelijk.gpkg";
  REQUIRE(run_kvo("run " + shell_path(dir, "nulmeting.toml") + " -o " + shell_path(dir, "nachtelijk.gpkg") + " -q") == 0);
  const std::string before = kvo::io::sha256_file(out);
  // A bigger input so the second run spends long enough writing to be caught at it.
  dir.write("politie 2023.csv", kvo::test::small_town_police(2023, 60000));
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const std::string spec = (dir.path() / "nulmeting.toml").string(), o = out.string();
    execl(KVO_EXECUTABLE, "kvo", "run", spec.c_str(), "-o", o.c_str(), "-q", static_cast<char*>(nullptr));
    _exit(127);
  }
  // Wait for the temporary file to appear, then kill the run without warning.
  bool seen_temp = false;
  for (int i = 0; i < 3000 && !seen_temp; ++i) {
    for (const auto& e : fs::directory_iterator(dir.path()))
      if (e.path().filename().string().find(".tmp-") != std::string::npos) seen_temp = true;
    if (!seen_temp) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(seen_temp);
  CHECK(WIFSIGNALED(status));
  CHECK(kvo::io::sha256_file(out) == before);
  CHECK(kvo::io::read_gpkg_contents(out).manifest.count("spec") == 1);
}
