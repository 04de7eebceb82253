// store/date_bounds.h (internal to the store stage) owns the bounds of the
// graph's dates: the first day and the last day any piece of evidence of any
// relation can mean (core/dates.h), kept in counters as 'dates.first' and
// 'dates.last' (YYYYMMDD). A date window outside them (`kg query served
// --since 2010 --until 2011` of a corpus of 2018-2024) holds nothing, which
// the store then knows without reading a relation.
//
// The bounds only ever widen: a relation removed leaves them as they were,
// so they may be wider than the dates stored, never narrower. They are
// written only while they cover every stored relation: a database whose
// relations were written before there were bounds (or whose counters were
// recounted) has none until its graph is cleared or rebuilt, and a reader
// that finds none reads the relations.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "core/dates.h"
#include "resolve/aggregate.h"
#include "store/store.h"

namespace kg {

class DateBounds {
 public:
  // Before a write: whether the stored bounds cover every stored relation
  // (they exist, or there is no relation).
  static bool known(const Store& store);
  // The first and last day as YYYYMMDD, when known.
  static std::optional<std::pair<std::int64_t, std::int64_t>> read(const Store& store);
  // Whether nothing dated within the bounds can fall in `window`.
  static bool outside(const std::pair<std::int64_t, std::int64_t>& bounds, const DateWindow& window);

  // A relation written: its evidence's dates widen what is written next.
  // (Every relation of a first build passes here, on the thread that
  // encodes rows: a date's first and last day are padded from its text, not
  // parsed. A month's last day is taken as its 31st: bounds may be wider,
  // never narrower.)
  void widen(const RelationData& data);
  // Writes the widened bounds when `known` (else the stored ones stay
  // absent), and starts again.
  void write(Store& store, bool known);

 private:
  using Day = std::array<char, 10>;  // "YYYY-MM-DD"
  std::optional<Day> first_, last_;  // none while nothing is dated
};

}  // namespace kg
