// store/id_list.h owns the blob that lists a document's entities in
// document_entities (schema/008): row ids in ascending order, each written as
// the varint of its distance from the one before (the first from 0). A
// document mentions a few dozen entities, so its row is one small blob
// instead of a B-tree entry each.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kg {

inline std::string encode_id_list(const std::vector<std::int64_t>& ascending) {
  std::string blob;
  std::uint64_t previous = 0;
  for (const std::int64_t id : ascending) {
    std::uint64_t delta = static_cast<std::uint64_t>(id) - previous;
    previous = static_cast<std::uint64_t>(id);
    while (delta >= 0x80) {
      blob.push_back(static_cast<char>((delta & 0x7F) | 0x80));
      delta >>= 7;
    }
    blob.push_back(static_cast<char>(delta));
  }
  return blob;
}

// Nothing when the blob is not such a list (cut short, or an id overflows).
inline std::optional<std::vector<std::int64_t>> decode_id_list(std::string_view blob) {
  std::vector<std::int64_t> ids;
  std::uint64_t previous = 0;
  for (std::size_t i = 0; i < blob.size();) {
    std::uint64_t delta = 0;
    for (int shift = 0;; shift += 7) {
      if (i >= blob.size() || shift > 63) return std::nullopt;
      const auto byte = static_cast<unsigned char>(blob[i++]);
      delta |= std::uint64_t{byte & 0x7FU} << shift;
      if ((byte & 0x80U) == 0) break;
    }
    previous += delta;
    if (previous > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
    ids.push_back(static_cast<std::int64_t>(previous));
  }
  return ids;
}

}  // namespace kg
