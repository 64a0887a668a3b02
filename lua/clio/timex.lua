-- clio.timex: temporal expressions (TIMEX2/TIMEX3 style) with LPeg, in any language
-- that has a temporal profile.
--
--   local timex  = require "clio.timex"
--   local tagger = timex.new{ lang = "en", data = {...}, rules = {...} }
--   local exprs  = tagger:extract(text, { base = 0, spans = nil })   -- one document
--   tagger:anchor(exprs, { reference_time = nil })   -- narrative mode when nil
--
-- The grammar, phase by phase (see docs/timeline.md):
--   clio.timex.words      the profile: data/lang/<code>/temporal.lua (words, phrases)
--   clio.timex.patterns   the profile's lists as LPeg sub-patterns (tagger.p)
--   clio.timex.rules      the bundled rules, each with its first words and normalizer
--   clio.timex.normalize  captures -> { type, value, mod, rel }; context tests
--   clio.timex.clause     where an event phrase after "after"/"of" ends
--   clio.timex.scan       the one-pass scan, its gate, trigger words, extract()
--   clio.timex.anchor     relative dates resolved in the document's story
--   clio.timex.calendar   date arithmetic and TIMEX values
--
-- Per document: extract() finds the expressions of one text, leaving relative ones
-- with `rel` (what is missing); anchor() fills them in from the document's own
-- dates. These two are what a pipeline wraps.
local lpeg = require "lpeg"
local words = require "clio.timex.words"
local patterns = require "clio.timex.patterns"
local rules = require "clio.timex.rules"
local normalize = require "clio.timex.normalize"
local clause = require "clio.timex.clause"
local scan = require "clio.timex.scan"
local anchor = require "clio.timex.anchor"
local calendar = require "clio.timex.calendar"
local Ct, Cp = lpeg.Ct, lpeg.Cp

local M = {}

M.days_from_civil, M.civil_from_days = calendar.days_from_civil, calendar.civil_from_days
M.format_date, M.parse_date, M.add_units = calendar.format_date, calendar.parse_date, calendar.add_units
M.trim_clause = clause.trim_clause
M.build, M.build_range = normalize.build, normalize.build_range
M.gate_pattern = scan.gate_pattern

local Tagger = {}
Tagger.__index = Tagger
M.Tagger = Tagger

--- new{ lang = code or path (default "en"), data = table merged over the profile,
---      rules = { user rules } } -> a tagger. The scan is compiled when first needed
---      (extract, or compile() called outright): a state that only anchors or asks for
---      the trigger words never compiles it.
function M.new(opts)
  opts = opts or {}
  local D = words.merge(M.bundled_data(opts.lang), opts.data)
  local self = setmetatable({ data = D, lang = opts.lang or "en" }, Tagger)
  self.p = patterns.build(D)
  self.rules = rules.rules(self.p, D)
  for _, r in ipairs(opts.rules or {}) do self:add_rule(r) end
  return self
end

--- bundled_data(lang) -> the temporal profile of a language (default "en")
function M.bundled_data(lang)
  return words.load(lang or "en")
end

-- add_rule{ name = "...", pattern = <LPeg pattern or function(p) -> pattern>,
--           normalize = function(caps, ctx) -> { type=, value=, mod=, rel= } | nil,
--           before = "<rule name>" (optional; default: before all bundled rules) }
-- The pattern's captures are collected into a table: named groups (Cg(patt, "y"))
-- become fields, plain captures become caps[1], caps[2] ...  Without normalize the
-- bundled one is used, which reads the fields y, m, d, bc, season, mod, k (see build).
function Tagger:add_rule(rule)
  local pat = rule.pattern
  if type(pat) == "function" then pat = pat(self.p) end
  assert(lpeg.type(pat) == "pattern", "add_rule: pattern must be an LPeg pattern")
  local r = { name = rule.name or "user", pattern = Ct(Cp() * pat), normalize = rule.normalize, user = true,
              triggers = rule.triggers }
  -- a rule that does not say which words it needs may match in any sentence
  if not rule.triggers then self.triggers_all = true end
  local at = 1
  if rule.before then
    for i, old in ipairs(self.rules) do if old.name == rule.before then at = i break end end
  else
    -- after other user rules, before the bundled ones
    while self.rules[at] and self.rules[at].user do at = at + 1 end
  end
  table.insert(self.rules, at, r)
  self.scan = nil
  return self
end

function Tagger:compile() return scan.compile(self) end
function Tagger:trigger_words() return scan.trigger_words(self) end
function Tagger:compound_triggers(terms) return scan.compound_triggers(self, terms) end

--- extract(text, { base = 0, spans = nil }) -> the expressions of one text, in order
function Tagger:extract(text, opts) return scan.extract(self, text, opts) end

--- anchor(exprs, opts) -> exprs with relative values resolved (clio.timex.anchor)
function Tagger:anchor(exprs, opts) return anchor.anchor(exprs, opts) end

-- the sub-patterns of the default tagger, for scripts that build rules up front
setmetatable(M, { __index = function(t, k)
  if k == "patterns" then
    local ok, tg = pcall(M.new)
    if ok then rawset(t, "patterns", tg.p) return tg.p end
  end
end })

return M
