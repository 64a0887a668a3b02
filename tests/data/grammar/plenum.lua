-- A grammar extension for the tests: "the July plenum" is 1928-07, and a sentence
-- must hold "plenum" for the rule to be tried (its trigger word).
local lpeg = require "lpeg"
return function(tagger)
  tagger:add_rule {
    name = "plenum", triggers = { "plenum" },
    pattern = lpeg.C(lpeg.P("the July plenum")),
    normalize = function() return { type = "DATE", value = "1928-07" } end,
  }
end
