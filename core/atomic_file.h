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

// The same for a directory: write(tempDir) fills a fresh temporary directory beside `dir`, which then replaces
// `dir` (an absent or empty one; a non-empty one only with `replace`, and only once the new one is complete).
// On any exception the temporary directory is removed and `dir` is as it was.
void WriteDirectoryAtomically(const std::string& dir, bool replace,
                              const std::function<void(const std::string& tempDir)>& write);

// Makes the file at `path` (created or truncated) `bytes` long with its disk space allocated (posix_fallocate), so
// writes inside it cannot fail for lack of space or by the file-size limit; throws core::Error naming `shownPath`
// and the reason (read-only, permissions, no space left, file too large) when it cannot.
void ReserveFileSpace(const std::string& path, const std::string& shownPath, long long bytes);

// Convenience for text and binary blobs.
void WriteFileAtomically(const std::string& path, const std::string& contents);

// Reads a whole file; throws core::Error naming the file when it cannot be read.
std::string ReadFile(const std::string& path);

}  // namespace core
