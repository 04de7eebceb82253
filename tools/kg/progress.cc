// tools/kg/progress.cc: the progress display of `kg build` (see progress.h).
#include "progress.h"

#include <chrono>
#include <cmath>

namespace kg::cli {

namespace {

std::string thousands(std::uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string fixed(double value, int decimals) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

std::string duration(double seconds) {
  const auto s = static_cast<long long>(std::llround(seconds));
  if (s < 60) return std::to_string(s) + " s";
  if (s < 3600) return std::to_string(s / 60) + " min " + std::to_string(s % 60) + " s";
  return std::to_string(s / 3600) + " h " + std::to_string(s % 3600 / 60) + " min";
}

std::string done_of(std::uint64_t done, std::uint64_t total, const char* what) {
  return total > 0 ? thousands(done) + "/" + thousands(total) + " " + what : thousands(done) + " " + what;
}

}  // namespace

std::string progress_line(const BuildProgress& p) {
  constexpr double kMB = 1024.0 * 1024.0;
  switch (p.phase) {
    case BuildProgress::Phase::reading: {
      std::string line = "reading " + done_of(p.files_done, p.files_total, "files") + ", " +
                         fixed(static_cast<double>(p.bytes_done) / kMB, 1) + "/" +
                         fixed(static_cast<double>(p.bytes_total) / kMB, 1) + " MB";
      if (p.seconds > 0.5 && p.bytes_done > 0) {
        const double rate = static_cast<double>(p.bytes_done) / p.seconds;
        line += ", " + fixed(rate / kMB, 1) + " MB/s";
        if (p.bytes_total > p.bytes_done)
          line += ", about " + duration(static_cast<double>(p.bytes_total - p.bytes_done) / rate) + " left";
      }
      return line;
    }
    case BuildProgress::Phase::resolving:
      return p.items_total || p.items_done ? "resolving entities: " + done_of(p.items_done, p.items_total, "names")
                                           : "resolving entities";
    case BuildProgress::Phase::writing:
      return p.items_total || p.items_done ? "writing the graph: " + done_of(p.items_done, p.items_total, "rows")
                                           : "writing the graph";
    case BuildProgress::Phase::done:
      return "done in " + duration(p.seconds);
    case BuildProgress::Phase::extracting_again:
      return "extracting again: " + done_of(p.items_done, p.items_total, "documents");
  }
  return {};
}

ProgressDisplay::ProgressDisplay(std::FILE* out, bool terminal, std::function<double()> now)
    : out_(out), terminal_(terminal), now_(std::move(now)) {
  if (!now_)
    now_ = [] {
      return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
    };
}

void ProgressDisplay::clear_line() {
  if (line_shown_) std::fputs("\r\x1b[K", out_);
  line_shown_ = false;
}

void ProgressDisplay::update(const BuildProgress& progress) {
  const double now = now_();
  const bool new_phase = !any_ || progress.phase != last_phase_;
  // A terminal redraws often enough to look alive; a log gets a line every
  // few seconds, and one at each change of phase.
  const double every = terminal_ ? 0.1 : 5.0;
  if (!new_phase && now - last_shown_ < every) return;
  if (progress.phase == BuildProgress::Phase::done && !line_shown_ && terminal_) return;
  any_ = true;
  last_phase_ = progress.phase;
  last_shown_ = now;
  const std::string line = "kg build: " + progress_line(progress);
  if (terminal_) {
    clear_line();
    std::fputs(line.c_str(), out_);
    line_shown_ = true;
    if (progress.phase == BuildProgress::Phase::done) finish();
  } else {
    std::fputs((line + "\n").c_str(), out_);
  }
  std::fflush(out_);
}

void ProgressDisplay::message(const std::string& text) {
  clear_line();
  std::fputs(("kg build: " + text + "\n").c_str(), out_);
  std::fflush(out_);
}

void ProgressDisplay::finish() {
  if (!line_shown_) return;
  std::fputs("\n", out_);
  line_shown_ = false;
  std::fflush(out_);
}

}  // namespace kg::cli
