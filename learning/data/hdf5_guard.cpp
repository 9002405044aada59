#include "learning/data/hdf5_guard.h"

#include <H5Dpublic.h>
#include <H5Opublic.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <vector>

#include "core/error.h"

// Layouts follow the HDF5 file format specification (superblock versions 0-3, object header versions 1-2,
// attribute message versions 1-3, global heap collections); all fields are little-endian.
namespace learning::data {

namespace {

constexpr uint64_t kOffsetSize = 8;          // bytes of an address and of a length (HDF5's default)
constexpr uint64_t kHeapIdSize = 4 + 8 + 4;  // a variable-length element on disk: length, collection, index
constexpr uint64_t kCollectionHeader = 16;   // "GCOL", version, 3 reserved, collection size
constexpr uint64_t kObjectHeader = 16;       // index (2), references (2), reserved (4), size (8)
constexpr uint64_t kMinCollection = 4096;    // HDF5 reads this much of a collection before its header
constexpr uint64_t kMaxCollection = 64u << 20;
constexpr uint64_t kMaxHeaderChunk = 16u << 20;
constexpr int kMaxHeaderChunks = 256;
constexpr uint16_t kContinuationMessage = 0x10;
constexpr uint16_t kAttributeMessage = 0x0C;
constexpr uint16_t kAttributeInfoMessage = 0x15;
constexpr uint16_t kLayoutMessage = 0x08;
constexpr uint8_t kVirtualLayout = 3;  // layout class of a virtual dataset (layout message version 4)

uint64_t Le(const uint8_t* bytes, int count) {
  uint64_t value = 0;
  for (int i = count - 1; i >= 0; --i) value = (value << 8) | bytes[i];
  return value;
}

uint64_t Align8(uint64_t value) { return (value + 7) & ~uint64_t{7}; }

// The file as HDF5 addresses it: relative addresses from the superblock's base address, bounds-checked reads.
class RawFile {
 public:
  RawFile(const std::string& path, const std::string& where) : where_(where), stream_(path, std::ios::binary) {
    if (!stream_) Fail("cannot reopen the file to check its global heap");
    stream_.seekg(0, std::ios::end);
    size_ = static_cast<uint64_t>(stream_.tellg());
    static constexpr std::array<uint8_t, 8> kSignature{0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    for (uint64_t at = 0; at + 64 <= size_; at = at == 0 ? 512 : at * 2) {
      const std::vector<uint8_t> block = ReadAbsolute(at, 64);
      if (std::memcmp(block.data(), kSignature.data(), kSignature.size()) != 0) continue;
      const uint8_t version = block[8];
      const bool old = version <= 1;
      if (version > 3) Fail("unknown superblock version " + std::to_string(version));
      const uint64_t offsets = block[old ? 13 : 9], lengths = block[old ? 14 : 10];
      if (offsets != kOffsetSize || lengths != kOffsetSize)
        Fail("variable-length strings are only read from files with 8-byte addresses");
      base_ = Le(block.data() + (version == 0 ? 24 : version == 1 ? 28 : 12), 8);
      if (base_ > size_) Fail("superblock base address beyond the end of the file");
      return;
    }
    Fail("no HDF5 superblock found");
  }

  [[noreturn]] void Fail(const std::string& what) const {
    throw core::Error(where_ + ": " + what + " (refused before HDF5 reads it)");
  }

  uint64_t Base() const { return base_; }

  // `count` bytes at relative `address`.
  std::vector<uint8_t> Read(uint64_t address, uint64_t count) const {
    if (address > size_ - base_) Fail("an address (" + std::to_string(address) + ") beyond the end of the file");
    return ReadAbsolute(base_ + address, count);
  }

 private:
  std::vector<uint8_t> ReadAbsolute(uint64_t offset, uint64_t count) const {
    if (offset > size_ || count > size_ - offset)
      Fail(std::to_string(count) + " bytes at offset " + std::to_string(offset) + " run past the end of the file (" +
           std::to_string(size_) + " bytes)");
    std::vector<uint8_t> bytes(count);
    stream_.seekg(static_cast<std::streamoff>(offset));
    stream_.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(count));
    if (!stream_) Fail("cannot read " + std::to_string(count) + " bytes at offset " + std::to_string(offset));
    return bytes;
  }

  std::string where_;
  mutable std::ifstream stream_;
  uint64_t size_ = 0;
  uint64_t base_ = 0;
};

// Object index → object size of one global heap collection, parsed exactly as H5HG__cache_heap_deserialize walks
// it, refusing what would make that walk loop (a free-space object of size 0) or leave the collection.
std::map<uint64_t, uint64_t> ParseCollection(const RawFile& file, uint64_t address) {
  const std::vector<uint8_t> header = file.Read(address, kCollectionHeader);
  const std::string at = "global heap collection at " + std::to_string(address);
  if (std::memcmp(header.data(), "GCOL", 4) != 0 || header[4] != 1) file.Fail(at + " has no GCOL version 1 header");
  const uint64_t size = Le(header.data() + 8, 8);
  if (size < kMinCollection || size > kMaxCollection) file.Fail(at + " has an implausible size " + std::to_string(size));
  const std::vector<uint8_t> bytes = file.Read(address, size);
  std::map<uint64_t, uint64_t> objects;
  uint64_t p = kCollectionHeader;
  while (p < size && size - p >= kObjectHeader) {  // a shorter tail is free space
    const uint64_t index = Le(bytes.data() + p, 2), objectSize = Le(bytes.data() + p + 8, 8);
    uint64_t need = objectSize;
    if (index > 0) {
      if (objectSize > size - p - kObjectHeader)
        file.Fail(at + ": object " + std::to_string(index) + " runs past the collection's end");
      need = kObjectHeader + Align8(objectSize);
      objects[index] = objectSize;
    } else if (need == 0) {
      file.Fail(at + " is corrupted: a free-space object of size 0 (HDF5 1.10 would loop forever on it)");
    } else if (need > size - p) {
      file.Fail(at + ": its free space runs past the collection's end");
    }
    p += need;
  }
  return objects;
}

// Checks one heap ID (the 16 bytes of a variable-length string on disk).
void CheckHeapId(const RawFile& file, const uint8_t* id, std::map<uint64_t, std::map<uint64_t, uint64_t>>& parsed) {
  const uint64_t length = Le(id, 4), address = Le(id + 4, 8), index = Le(id + 12, 4);
  if (address == 0) return;  // HDF5's null string: nothing is read
  auto it = parsed.find(address);
  if (it == parsed.end()) it = parsed.emplace(address, ParseCollection(file, address)).first;
  const auto object = it->second.find(index);
  if (index == 0 || object == it->second.end())
    file.Fail("a string names object " + std::to_string(index) + " of the global heap collection at " +
              std::to_string(address) + ", which does not hold it");
  if (object->second != length)
    file.Fail("a string of length " + std::to_string(length) + " names a global heap object of " +
              std::to_string(object->second) + " bytes");
}

struct HeaderMessage {
  uint16_t type = 0;
  std::vector<uint8_t> body;
};

// Appends the messages found in `bytes[begin, end)` of an object header chunk (`version` 1 or 2).
void ParseMessages(const std::vector<uint8_t>& bytes, uint64_t begin, uint64_t end, int version, bool creationOrder,
                   std::vector<HeaderMessage>& messages) {
  const uint64_t prefix = version == 1 ? 8 : (creationOrder ? 6 : 4);
  for (uint64_t p = begin; p + prefix <= end;) {
    HeaderMessage message;
    message.type = static_cast<uint16_t>(version == 1 ? Le(&bytes[p], 2) : bytes[p]);
    const uint64_t size = Le(&bytes[p + (version == 1 ? 2 : 1)], 2);
    p += prefix;
    if (size > end - p) break;
    message.body.assign(bytes.begin() + static_cast<long>(p), bytes.begin() + static_cast<long>(p + size));
    messages.push_back(std::move(message));
    p += size;
  }
}

// Every message of the object header at `address`, following continuation chunks (at most kMaxHeaderChunks).
std::vector<HeaderMessage> ReadObjectHeader(const RawFile& file, uint64_t address) {
  std::vector<HeaderMessage> messages;
  const std::vector<uint8_t> start = file.Read(address, 16);
  int version = 0;
  bool creationOrder = false;
  if (start[0] == 1) {
    version = 1;
    const uint64_t size = Le(start.data() + 8, 4);
    if (size > kMaxHeaderChunk) file.Fail("an object header of implausible size");
    const std::vector<uint8_t> chunk = file.Read(address + 16, size);
    ParseMessages(chunk, 0, size, 1, false, messages);
  } else if (std::memcmp(start.data(), "OHDR", 4) == 0 && start[4] == 2) {
    version = 2;
    const uint8_t flags = start[5];
    creationOrder = (flags & 0x04) != 0;
    const uint64_t sizeAt = 6 + ((flags & 0x20) ? 16 : 0) + ((flags & 0x10) ? 4 : 0);
    const int sizeBytes = 1 << (flags & 0x03);
    const std::vector<uint8_t> field = file.Read(address + sizeAt, static_cast<uint64_t>(sizeBytes));
    const uint64_t size = Le(field.data(), sizeBytes);
    if (size > kMaxHeaderChunk) file.Fail("an object header of implausible size");
    const std::vector<uint8_t> chunk = file.Read(address + sizeAt + static_cast<uint64_t>(sizeBytes), size);
    ParseMessages(chunk, 0, size, 2, creationOrder, messages);
  } else {
    file.Fail("an object header of unknown version at " + std::to_string(address));
  }
  std::set<uint64_t> visited{address};
  for (size_t i = 0; i < messages.size(); ++i) {
    if (messages[i].type != kContinuationMessage || messages[i].body.size() < 16) continue;
    const uint64_t chunkAddress = Le(messages[i].body.data(), 8), length = Le(messages[i].body.data() + 8, 8);
    if (!visited.insert(chunkAddress).second || visited.size() > kMaxHeaderChunks || length > kMaxHeaderChunk)
      file.Fail("object header continuation chunks loop or are implausibly large");
    const std::vector<uint8_t> chunk = file.Read(chunkAddress, length);
    if (version == 1) {
      ParseMessages(chunk, 0, length, 1, false, messages);
    } else {
      if (length < 8 || std::memcmp(chunk.data(), "OCHK", 4) != 0) file.Fail("an object header chunk without OCHK");
      ParseMessages(chunk, 4, length - 4, 2, creationOrder, messages);
    }
  }
  return messages;
}

// The raw data of the attribute message named `name`, or nullopt-like empty when the message is not `name`.
bool AttributeData(const HeaderMessage& message, const std::string& name, std::vector<uint8_t>& data) {
  const std::vector<uint8_t>& b = message.body;
  if (b.size() < 9) return false;
  const int version = b[0];
  const uint64_t nameSize = Le(&b[2], 2), typeSize = Le(&b[4], 2), spaceSize = Le(&b[6], 2);
  const uint64_t nameAt = version == 3 ? 9 : 8;
  if (version < 1 || version > 3 || nameSize == 0 || nameAt + nameSize > b.size()) return false;
  const char* stored = reinterpret_cast<const char*>(&b[nameAt]);
  if (strnlen(stored, nameSize) != name.size() || name.compare(0, name.size(), stored, name.size()) != 0) return false;
  const uint64_t dataAt = version == 1 ? nameAt + Align8(nameSize) + Align8(typeSize) + Align8(spaceSize)
                                       : nameAt + nameSize + typeSize + spaceSize;
  data.assign(b.begin() + static_cast<long>(std::min<uint64_t>(dataAt, b.size())), b.end());
  return true;
}

// Datatype classes whose encodings are checked here (HDF5 1.10's decoders trust the sizes inside them).
constexpr int kFixedPoint = 0, kFloatingPoint = 1, kString = 3, kBitfield = 4, kVariableLength = 9;

// Checks an encoded datatype of `size` bytes: a class whose properties fit. Returns the element size it declares.
uint64_t CheckDatatype(const RawFile& file, const uint8_t* type, uint64_t size, int depth) {
  if (size < 8) file.Fail("a datatype shorter than its 8-byte header");
  const int typeClass = type[0] & 0x0F, version = type[0] >> 4;
  const uint64_t elementSize = Le(type + 4, 4);
  if (version < 1 || version > 3) file.Fail("a datatype of unknown version " + std::to_string(version));
  switch (typeClass) {
    case kFixedPoint:
    case kBitfield:
      if (size < 12) file.Fail("an integer datatype shorter than its properties");
      break;
    case kFloatingPoint:
      if (size < 20) file.Fail("a floating-point datatype shorter than its properties");
      break;
    case kString: break;
    case kVariableLength:
      if (depth > 0) file.Fail("a nested variable-length datatype");
      CheckDatatype(file, type + 8, size - 8, depth + 1);
      break;
    default:
      file.Fail("an attribute of datatype class " + std::to_string(typeClass) +
                " (only integer, float and string attributes are read)");
  }
  if (elementSize == 0 || elementSize > (1u << 20)) file.Fail("a datatype of implausible size");
  return elementSize;
}

// Checks an encoded dataspace of `size` bytes; returns its number of elements.
uint64_t CheckDataspace(const RawFile& file, const uint8_t* space, uint64_t size) {
  if (size < 8) file.Fail("a dataspace shorter than its header");
  const int version = space[0], rank = space[1], flags = space[2];
  if (version < 1 || version > 2 || rank > 32) file.Fail("a dataspace of unknown version or rank");
  if (version == 2 && space[3] == 2) return 0;  // the null dataspace
  const uint64_t dimsAt = version == 1 ? 8 : 4;
  const uint64_t need = dimsAt + static_cast<uint64_t>(rank) * 8 * ((flags & 1) ? 2 : 1);
  if (need > size) file.Fail("a dataspace whose dimensions run past its message");
  uint64_t points = 1;
  for (int d = 0; d < rank; ++d) {
    const uint64_t extent = Le(space + dimsAt + static_cast<uint64_t>(d) * 8, 8);
    if (extent != 0 && points > (uint64_t{1} << 40) / extent) file.Fail("a dataspace of implausible size");
    points *= extent;
  }
  return points;
}

// One attribute message: the name NUL-terminated inside it; datatype, dataspace and value inside it.
void CheckAttributeMessage(const RawFile& file, const std::vector<uint8_t>& b) {
  if (b.size() < 9) file.Fail("an attribute message shorter than its header");
  const int version = b[0], flags = version >= 2 ? b[1] : 0;
  const uint64_t nameSize = Le(&b[2], 2), typeSize = Le(&b[4], 2), spaceSize = Le(&b[6], 2);
  if (version < 1 || version > 3) file.Fail("an attribute message of unknown version " + std::to_string(version));
  if (flags & 0x03) file.Fail("an attribute with a shared datatype or dataspace (not checked, not read)");
  const uint64_t nameAt = version == 3 ? 9 : 8;
  const auto padded = [&](uint64_t n) { return version == 1 ? Align8(n) : n; };
  const uint64_t typeAt = nameAt + padded(nameSize), spaceAt = typeAt + padded(typeSize),
                 dataAt = spaceAt + padded(spaceSize);
  if (nameSize == 0 || dataAt > b.size()) file.Fail("an attribute message whose parts run past its end");
  if (b[nameAt + nameSize - 1] != 0 || strnlen(reinterpret_cast<const char*>(&b[nameAt]), nameSize) != nameSize - 1)
    file.Fail("an attribute name that is not the stored length");
  const uint64_t elementSize = CheckDatatype(file, &b[typeAt], typeSize, 0);
  const uint64_t points = CheckDataspace(file, &b[spaceAt], spaceSize);
  if (points > (b.size() - dataAt) / elementSize) file.Fail("an attribute value that runs past its message");
}

}  // namespace

void CheckAttributeMessages(const H5::H5Object& object, const std::string& where) {
  const RawFile file(object.getFileName(), where);
  H5O_info_t info{};
  if (H5Oget_info2(object.getId(), &info, H5O_INFO_BASIC) < 0) file.Fail("cannot locate the object header");
  for (const HeaderMessage& message : ReadObjectHeader(file, info.addr))
    if (message.type == kAttributeMessage) CheckAttributeMessage(file, message.body);
}

void CheckVariableStringAttribute(const H5::H5Object& object, const std::string& name, const std::string& where) {
  const std::string at = where + ": attribute \"" + name + "\"";
  const RawFile file(object.getFileName(), at);
  H5O_info_t info{};
  if (H5Oget_info2(object.getId(), &info, H5O_INFO_BASIC) < 0) file.Fail("cannot locate the object header");
  const std::vector<HeaderMessage> messages = ReadObjectHeader(file, info.addr);
  std::map<uint64_t, std::map<uint64_t, uint64_t>> parsed;
  bool found = false, dense = false;
  for (const HeaderMessage& message : messages) {
    dense = dense || message.type == kAttributeInfoMessage;
    std::vector<uint8_t> data;
    if (message.type != kAttributeMessage || !AttributeData(message, name, data)) continue;
    if (data.size() < kHeapIdSize) file.Fail("its stored value is shorter than a variable-length string");
    CheckHeapId(file, data.data(), parsed);
    found = true;
  }
  if (!found)
    file.Fail(dense ? "stored in dense attribute storage, which is not checked" : "not found in its object header");
}

bool IsVirtualDataset(const H5::Group& group, const std::string& name, const std::string& where) {
  const RawFile file(group.getFileName(), where);
  H5O_info_t info{};
  if (H5Oget_info_by_name2(group.getId(), name.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0)
    file.Fail("cannot locate the object header");
  for (const HeaderMessage& message : ReadObjectHeader(file, info.addr))
    if (message.type == kLayoutMessage && message.body.size() >= 2 && message.body[0] >= 3)
      return message.body[1] == kVirtualLayout;
  return false;
}

void CheckVariableStringDataset(const H5::DataSet& dataset, const std::string& where) {
  const RawFile file(dataset.getFileName(), where);
  const hssize_t count = dataset.getSpace().getSimpleExtentNpoints();
  if (count <= 0) return;
  const haddr_t offset = H5Dget_offset(dataset.getId());
  if (offset == HADDR_UNDEF || offset < file.Base())
    file.Fail("a variable-length string dataset not stored contiguously cannot be checked");
  const uint64_t bytes = static_cast<uint64_t>(count) * kHeapIdSize;
  if (bytes / kHeapIdSize != static_cast<uint64_t>(count)) file.Fail("an implausible element count");
  const std::vector<uint8_t> ids = file.Read(offset - file.Base(), bytes);
  std::map<uint64_t, std::map<uint64_t, uint64_t>> parsed;
  for (uint64_t i = 0; i < static_cast<uint64_t>(count); ++i) CheckHeapId(file, ids.data() + i * kHeapIdSize, parsed);
}

}  // namespace learning::data
