-- The narrative frame of each document of a `clio timeline --format jsonl` output, as
-- the anchoring estimates it (clio.timex.anchor.frame_of over the explicit dates).
--   clio run tests/eval/frames.lua OUT.jsonl   -> doc <TAB> lo <TAB> hi (astronomical years)
local anchor = require "clio.timex.anchor"
local calendar = require "clio.timex.calendar"
local path = assert(..., "usage: clio run tests/eval/frames.lua OUT.jsonl")
local years, order = {}, {}
for line in io.lines(path) do
  local doc = line:match '^{"doc":"([^"]*)"'
  local value = line:match ',"value":"([^"]*)"'
  -- explicit dates: a DATE the anchoring did not resolve against anything
  if doc and value and line:find('"type":"DATE"', 1, true) and not line:find(',"anchor":', 1, true) then
    local t = calendar.parse_date(value)
    if not years[doc] then years[doc] = {}; order[#order + 1] = doc end
    if t and t.ay then table.insert(years[doc], t.ay) end
  end
end
for _, doc in ipairs(order) do
  local f = anchor.frame_of(years[doc])
  if f then print(doc .. "\t" .. f.lo .. "\t" .. f.hi) end
end
