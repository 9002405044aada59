#pragma once
// Finding an entry of a registry table (scenarios, policies, lessons, bench targets) by name, and the list of
// valid names for the message when there is none: one loop for every registry. Each registry keeps its own
// wording of the error ("unknown scenario 'x' (valid: a, b)").
#include <iterator>
#include <string>
#include <string_view>

namespace core {

// The default way to read an entry's name: its `name` member.
inline constexpr auto kEntryName = [](const auto& entry) -> decltype(auto) { return (entry.name); };

// The first entry e of `table` with nameOf(e) == name, or nullptr.
template <class Table, class NameOf = decltype(kEntryName)>
auto FindByName(const Table& table, std::string_view name, NameOf nameOf = kEntryName)
    -> decltype(&*std::begin(table)) {
  for (const auto& entry : table)
    if (std::string_view(nameOf(entry)) == name) return &entry;
  return nullptr;
}

// "a, b, c": every entry's name in table order.
template <class Table, class NameOf = decltype(kEntryName)>
std::string JoinNames(const Table& table, NameOf nameOf = kEntryName) {
  std::string names;
  for (const auto& entry : table) names += (names.empty() ? "" : ", ") + std::string(nameOf(entry));
  return names;
}

}  // namespace core
