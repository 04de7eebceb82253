// tools/kg/progress.h: how `kg build` shows its progress on stderr. Pure
// presentation of the pipeline's BuildProgress events, so it stays in the CLI:
// on a terminal one line redrawn in place (files, MB, MB/s, ETA, then the
// resolving and writing phases); elsewhere (a log, CI) a line every few
// seconds and at each change of phase; nothing with --quiet.
#pragma once

#include <cstdio>
#include <functional>
#include <string>

#include "pipeline/pipeline.h"

namespace kg::cli {

// One line saying where the build is, e.g.
// "reading 1,234/8,534 files, 5.2/20.0 MB, 3.1 MB/s, about 5 s left".
std::string progress_line(const BuildProgress& progress);

class ProgressDisplay {
 public:
  // `now` returns seconds on a steady clock (tests pass their own).
  ProgressDisplay(std::FILE* out, bool terminal, std::function<double()> now = {});
  void update(const BuildProgress& progress);
  // A message (a file refused...) printed on its own line, above the progress.
  void message(const std::string& text);
  // Ends the in-place line, if one is shown.
  void finish();

 private:
  void clear_line();

  std::FILE* out_;
  bool terminal_;
  std::function<double()> now_;
  double last_shown_ = -1e9;
  BuildProgress::Phase last_phase_ = BuildProgress::Phase::done;
  bool line_shown_ = false;
  bool any_ = false;
};

}  // namespace kg::cli
