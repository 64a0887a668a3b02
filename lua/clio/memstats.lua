--- clio.memstats: where a long run's memory goes, stage by stage. With the environment
--- variable CLIO_MEMSTATS set, each mark writes one line to stderr:
---
---   memstats: report: timeline  lua 212.4 MB  own 498.0 MB  mapped 21.3 MB  cpu 61.2 s
---
--- lua: the main Lua state's heap (collectgarbage "count"; worker threads' states are
--- not in it); own: the process's own memory (RssAnon + RssShmem of /proc/self/status:
--- every state, the C core's buffers, thread stacks); mapped: file pages mapped and
--- resident (RssFile: the corpus and index files read through mmap, the binary),
--- which the kernel can take back; cpu: os.clock(). CLIO_MEMSTATS=full collects
--- garbage first, so `lua` is what is still reachable (slower: use it to find what a
--- stage keeps). Without the variable a mark costs one table lookup.
local M = {}

local mode = os.getenv and os.getenv "CLIO_MEMSTATS"
if mode == "" or mode == "0" then mode = nil end

--- Whether marks print.
function M.enabled() return mode ~= nil end

--- The process's own and mapped resident memory in KiB (nil where /proc is not there).
function M.rss()
  local f = io.open("/proc/self/status", "r")
  if not f then return nil end
  local s = f:read "a"
  f:close()
  local function kb(key) return tonumber(s:match(key .. ":%s*(%d+)")) or 0 end
  return kb "RssAnon" + kb "RssShmem", kb "RssFile"
end

--- Writes the line of one stage (nothing without CLIO_MEMSTATS). extra: text appended
--- (counts of what the stage keeps).
function M.mark(label, extra)
  if not mode then return end
  if mode == "full" then collectgarbage "collect" end
  local own, mapped = M.rss()
  io.stderr:write(string.format("memstats: %-30s lua %8.1f MB  own %8.1f MB  mapped %7.1f MB  cpu %7.1f s%s\n",
    label, collectgarbage "count" / 1024, (own or 0) / 1024, (mapped or 0) / 1024, os.clock(),
    extra and ("  " .. extra) or ""))
end

return M
