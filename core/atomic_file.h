#pragma once
// Crash-safe file replacement: write everything to a temporary file beside the target, flush it to disk,
// then rename it over the target. A crash or a failed write leaves the previous file untouched.
#include <functional>
#include <string>

namespace core {

// The temporary path used for `path` (same directory, so the rename stays on one file system).
std::string TempPathFor(const std::string& path);

// Calls write(tempPath); on success fsyncs and renames the temp file over `path`. On any exception the temp
// file is removed and the exception propagates; `path` is never left half-written.
void WriteAtomically(const std::string& path, const std::function<void(const std::string& tempPath)>& write);

// Convenience for text and binary blobs.
void WriteFileAtomically(const std::string& path, const std::string& contents);

// Reads a whole file; throws core::Error naming the file when it cannot be read.
std::string ReadFile(const std::string& path);

}  // namespace core
