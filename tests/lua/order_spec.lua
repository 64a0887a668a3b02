-- clio.order: the comparator that every counted list sorts with.
local spec = dofile("tests/lua/spec.lua")
local order = require "clio.order"

spec.it("most first, then each tie field ascending, never by the order given", function()
  local list = {
    { count = 2, id = "b", first = 9 }, { count = 5, id = "z", first = 1 },
    { count = 2, id = "a", first = 30 }, { count = 2, id = "a", first = 4 },
  }
  table.sort(list, order.most_first("id", "first"))
  local got = {}
  for i, x in ipairs(list) do got[i] = x.count .. x.id .. x.first end
  spec.eq(got, { "5z1", "2a4", "2a30", "2b9" })
  table.sort(list, order.most_first("first"))
  got = {}
  for i, x in ipairs(list) do got[i] = x.count .. x.id .. x.first end
  spec.eq(got, { "5z1", "2a4", "2b9", "2a30" })
  -- equal in every field: neither comes first (a valid order for table.sort)
  local cmp = order.most_first("id")
  spec.eq(cmp({ count = 1, id = "x" }, { count = 1, id = "x" }), false)
end)

return spec.done()
