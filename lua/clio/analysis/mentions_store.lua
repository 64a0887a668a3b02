--- clio.analysis.mentions_store: every document's actor mentions, packed
--- (clio.analysis.mentions_pack) into a scratch file (core.scratch) as a run tags them,
--- and read back by document index. Memory keeps one offset per document, so a run over
--- millions of documents can still reread any one's mentions (the report reads those of
--- the documents its page shows, and those its timeline cites).
---
---   local store = mentions_store.new()
---   store:put(t.index, t.mentions)    -- in document order
---   local list = store:get(index)     -- nil: the document names no one
local core = require "clio.core"
local mentions_pack = require "clio.analysis.mentions_pack"

local M = {}
local Store = {}
Store.__index = Store

function M.new()
  -- at[i]: where document i's mentions start; they end where document i + 1's start
  local scratch, err = core.scratch()
  if not scratch then require("clio").fail("%s (set TMPDIR to a folder with room)", err) end
  return setmetatable({ scratch = scratch, pack = mentions_pack.new(), at = {}, n = 0,
    mentions = 0 }, Store)
end

--- put(index, mentions): the mentions of document `index`, after those of every lower one.
function Store:put(index, mentions)
  if index <= self.n then error("mentions_store: document " .. index .. " put after " .. self.n, 2) end
  local size = self.scratch:size()
  for i = self.n + 1, index do self.at[i] = size end   -- documents skipped name no one
  self.n = index
  if #mentions > 0 then
    self.scratch:put(self.pack:pack(mentions))
    self.mentions = self.mentions + #mentions
  end
end

--- get(index) -> the document's mentions (new tables; clio.analysis.mentions_pack says
--- which fields), or nil when it names no one or was never put.
function Store:get(index)
  if self.last == index then return self.last_list end
  local at = self.at[index]
  if not at then return nil end
  local stop = index < self.n and self.at[index + 1] or self.scratch:size()
  if stop == at then return nil end
  local list = self.pack:unpack(self.scratch:get(at, stop - at))
  self.last, self.last_list = index, list   -- citations in a row often share a document
  return list
end

--- close(): lets the scratch file go (get fails after).
function Store:close() self.scratch:close() end

return M
