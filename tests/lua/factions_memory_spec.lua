-- What `clio factions` holds on a large corpus: nothing kept per document beyond the
-- core's table of documents (docs/scale-out.md, "A gigabyte, every command").
local spec = dofile("tests/lua/spec.lua")
local it, eq = spec.it, spec.eq

local clio = require "clio"
local annotate = require "clio.annotate"

-- a corpus of n one-line paragraphs (--split blank), the k-th edited when given
local function paragraphs(n, edit)
  local tmp = os.tmpname()
  local f = assert(io.open(tmp, "wb"))
  for i = 1, n do f:write(i == edit and "Edited." or ("Paragraph " .. i .. "."), "\n\n") end
  f:close()
  return tmp
end

it("corpus_sum: holds one block of documents' sums at a time, not one per document", function()
  local path = paragraphs(100)
  local c = assert(clio.open({ path }, { split = "blank" }))
  eq(#c, 100)
  local hash, longest = clio.core.hash, 0
  local sum_len = #annotate.document_sum(c:doc(1))
  local block = annotate.SUM_BLOCK
  annotate.SUM_BLOCK = 8
  clio.core.hash = function(s, ...) longest = math.max(longest, #s); return hash(s, ...) end
  local ok, err = pcall(annotate.corpus_sum, c)
  clio.core.hash, annotate.SUM_BLOCK = hash, block
  assert(ok, err)
  -- the previous block's checksum and at most 8 documents' sums (each about sum_len)
  eq(longest <= 17 + 8 * (sum_len + 8), true, "longest string hashed: " .. longest)
  c:close()
  os.remove(path)
end)

it("corpus_sum: the same corpus the same sum; any document edited, another (the last block too)", function()
  local block = annotate.SUM_BLOCK
  annotate.SUM_BLOCK = 8
  local function sum_of(edit)
    local path = paragraphs(21, edit)
    local c = assert(clio.open({ path }, { split = "blank" }))
    local s = annotate.corpus_sum(c)
    c:close()
    os.remove(path)
    return s
  end
  local base = sum_of()
  eq(sum_of(), base)
  local seen = { [base] = true }
  for _, k in ipairs { 1, 8, 9, 17, 21 } do
    local s = sum_of(k)
    eq(seen[s], nil, "document " .. k .. " edited")
    seen[s] = true
  end
  annotate.SUM_BLOCK = block
end)

it("run: profiles and actions go to on_profile / on_action as they come, none kept, the same rows", function()
  local factions = clio.factions
  local c = assert(clio.open("data/corpora/stalin-essays/"))
  local base = { lexicons = { "soviet-power-struggle" }, profiles = true, actions = true, transient = true }
  local kept = factions.run(c, base)
  eq(#kept.profiles, #c)
  eq(#kept.actions > 0, true, "the essays tell who expels whom")
  local profiles, actions = {}, {}
  local streamed = factions.run(c, setmetatable({
    on_profile = function(p) profiles[#profiles + 1] = p end,
    on_action = function(a) actions[#actions + 1] = a end }, { __index = base }))
  eq(#streamed.profiles, 0, "no profile kept")
  eq(#streamed.actions, 0, "no action kept")
  for _, view in ipairs { "profile", "actions" } do
    for _, format in ipairs { "jsonl", "table" } do
      local opts = { format = format }
      local columns, rows = factions.view(kept, view, opts)
      eq(factions.view_columns(view), columns)
      local got = {}
      if view == "profile" then
        for _, p in ipairs(profiles) do factions.profile_rows(p, opts, function(row) got[#got + 1] = row end) end
      else
        for _, a in ipairs(actions) do got[#got + 1] = factions.action_row(a, opts) end
      end
      eq(got, rows, view .. " " .. format)
    end
  end
  c:close()
end)

return spec.done()
