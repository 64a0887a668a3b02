--- clio.order: the orders that lists of counted things share. `most_first(...)` is a
--- table.sort comparator: the larger `count` first, then each named field ascending
--- ("id", or "first" for the earlier mention), so that ties never depend on the order
--- pairs() happened to give.
local M = {}

function M.most_first(...)
  local ties = { ... }
  return function(a, b)
    if a.count ~= b.count then return a.count > b.count end
    for _, k in ipairs(ties) do
      if a[k] ~= b[k] then return a[k] < b[k] end
    end
    return false
  end
end

return M
