--- Record output in the formats every script offers: table, jsonl, csv, tsv.
--
--   local out <close> = output.open{ format = opts.format, path = opts.output,
--                                    columns = { "term", "count" } }
--   out:write{ term = "stalin", count = 171 }
--   out:close()
--
-- With a path, records go to a temporary file beside it that is renamed into place by
-- close(): a failed run leaves the previous file as it was and no partial one.
local clio = require "clio"
local cjson = require "cjson"

local output = {}

--- Marks a list that must come out as a JSON array even when empty (cjson writes an
--- empty table as {}): `setmetatable(list, output.array_mt)`.
output.array_mt = { __name = "clio.output.array" }

-- A table is an array when its keys are exactly 1..n (n > 0), or when it is marked.
local function is_array(t)
  local n = #t
  if n == 0 then return getmetatable(t) == output.array_mt end
  local count = 0
  for _ in pairs(t) do count = count + 1 end
  return count == n
end

-- Scalars are cjson's; objects are written with their keys sorted, at every depth,
-- so that output is the same from run to run (cjson's order follows the hash table).
local function json_value(v)
  local t = type(v)
  if t == "string" then
    return (cjson.encode(v):gsub("\\/", "/"))
  elseif t == "table" then
    local parts = {}
    if is_array(v) then
      for i = 1, #v do parts[i] = json_value(v[i]) end
      return "[" .. table.concat(parts, ",") .. "]"
    end
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = tostring(k) end
    table.sort(keys)
    for i, k in ipairs(keys) do
      local val = v[k]
      if val == nil then val = v[tonumber(k)] end
      parts[i] = json_value(k) .. ":" .. json_value(val)
    end
    return "{" .. table.concat(parts, ",") .. "}"
  elseif v == nil then
    return "null"
  end
  return cjson.encode(v)
end

--- One JSON object with the columns first, in order, then other keys sorted. Keys
--- whose value is nil are left out.
---@param record table
---@param columns? string[]
function output.json(record, columns)
  local parts, seen = {}, {}
  for _, k in ipairs(columns or {}) do
    seen[k] = true
    if record[k] ~= nil then parts[#parts + 1] = json_value(k) .. ":" .. json_value(record[k]) end
  end
  local rest = {}
  for k in pairs(record) do
    if not seen[k] and type(k) == "string" then rest[#rest + 1] = k end
  end
  table.sort(rest)
  for _, k in ipairs(rest) do parts[#parts + 1] = json_value(k) .. ":" .. json_value(record[k]) end
  return "{" .. table.concat(parts, ",") .. "}"
end

--- A cell as text: lists are joined with "; ", nil is empty.
local function cell(v)
  if v == nil then return "" end
  if type(v) == "table" then
    local parts = {}
    for i, x in ipairs(v) do parts[i] = cell(x) end
    return table.concat(parts, "; ")
  end
  if math.type(v) == "float" then return string.format("%.4g", v) end
  return tostring(v)
end

local function csv_field(s)
  if s:find('[,"\r\n]') then return '"' .. s:gsub('"', '""') .. '"' end
  return s
end

local function tsv_field(s)
  return (s:gsub("[\t\r\n]", " "))
end

-- Display width of a UTF-8 string, counting code points (good enough for tables).
local function width(s)
  return utf8.len(s) or #s
end

local function truncate(s, w)
  if width(s) <= w then return s end
  local cut = utf8.offset(s, w) or (w + 1)
  return s:sub(1, cut - 1) .. "…"
end

---@class clio.Output
local Output = {}
Output.__index = Output

--- Writes one record (a table keyed by column name).
function Output:write(record)
  local f = self.format
  if f == "jsonl" then
    self:_put(output.json(record, self.columns), "\n")
  elseif f == "table" then
    local row = {}
    for i, c in ipairs(self.columns) do row[i] = cell(record[c]) end
    self.rows[#self.rows + 1] = row
  else
    local quote = f == "csv" and csv_field or tsv_field
    local row = {}
    for i, c in ipairs(self.columns) do row[i] = quote(cell(record[c])) end
    self:_put(table.concat(row, f == "csv" and "," or "\t"), f == "csv" and "\r\n" or "\n")
  end
end

--- Free text (table format only: a heading or a note above or below the records).
function Output:note(text)
  if self.format == "table" then
    self:_flush_table()
    self:_put(text, "\n")
  end
end

function Output:_put(...)
  local ok, err = self.file:write(...)
  if not ok then
    self:_abandon()
    clio.fail("cannot write %s: %s", self.path or "the output", err)
  end
end

function Output:_flush_table()
  if not self.rows or #self.rows == 0 then return end
  local rows = self.rows
  if not self.header_done then
    table.insert(rows, 1, self.columns)
    self.header_done = true
  end
  local widths, numeric = {}, {}
  for i = 1, #self.columns do
    widths[i], numeric[i] = 0, true
    for r = 1, #rows do
      widths[i] = math.max(widths[i], width(rows[r][i]))
      if r > 1 and rows[r][i] ~= "" and not tonumber(rows[r][i]) then numeric[i] = false end
    end
  end
  for _, row in ipairs(rows) do
    local parts = {}
    for i, v in ipairs(row) do
      local pad = string.rep(" ", widths[i] - width(v))
      parts[i] = (numeric[i] and pad .. v) or (i < #row and v .. pad or v)
    end
    local line = table.concat(parts, "  ")
    if self.term_width then line = truncate(line, self.term_width) end
    self:_put(line, "\n")
  end
  self.rows = {}
end

function Output:_abandon()
  if self.tmp then
    self.file:close()
    os.remove(self.tmp)
    clio.core.temp_forget(self.tmp)
    self.tmp = nil
  end
  self.closed = true
end

--- Finishes the output: prints a table, renames a temporary file into place.
function Output:close(err)
  if self.closed then return end
  if err ~= nil then return self:_abandon() end
  if self.format == "table" then
    self:_flush_table()
  elseif self.format ~= "jsonl" and not self.header_done then
    self.header_done = true
  end
  self.closed = true
  if self.tmp then
    local ok, why = self.file:close()
    if not ok then
      os.remove(self.tmp)
      clio.fail("cannot write %s: %s", self.path, why)
    end
    local renamed, rerr = os.rename(self.tmp, self.path)
    if not renamed then os.remove(self.tmp) end
    clio.core.temp_forget(self.tmp)
    if not renamed then clio.fail("cannot write %s: %s", self.path, rerr) end
  elseif self.direct then
    local ok, why = self.file:close()
    if not ok then clio.fail("cannot write %s: %s", self.path, why) end
  else
    self.file:flush()
  end
end
Output.__close = Output.close
Output.__gc = function(self) if self.tmp then self:_abandon() end end

--- Opens an output.
---@param spec {format?: "table"|"jsonl"|"csv"|"tsv", path?: string, columns: string[]}
---@return clio.Output
function output.open(spec)
  local self = setmetatable({
    format = spec.format or "table",
    columns = spec.columns or {},
    path = spec.path,
    rows = {},
  }, Output)
  local existing = spec.path and clio.core.stat(spec.path)
  if existing and existing.kind ~= "file" and existing.kind ~= "directory" then
    -- a device or pipe (/dev/null, a FIFO): nothing to replace, write straight to it
    local f, err = io.open(spec.path, "wb")
    if not f then clio.fail("cannot write %s: %s", spec.path, err) end
    self.file = f
    self.direct = true
  elseif spec.path and spec.path ~= "-" then
    -- PATH.tmp-PID-N: a killed run's is removed by the next write to PATH
    self.tmp = clio.core.temp_path(spec.path)
    local f, err = io.open(self.tmp, "wb")
    if not f then clio.fail("cannot write %s: %s", spec.path, err) end
    self.file = f
  else
    self.path = nil
    self.file = io.stdout
    if self.format == "table" and clio.core.isatty(1) then
      self.term_width = clio.core.terminal_width()
    end
  end
  if self.format == "csv" or self.format == "tsv" then
    local quote = self.format == "csv" and csv_field or tsv_field
    local head = {}
    for i, c in ipairs(self.columns) do head[i] = quote(c) end
    self:_put(table.concat(head, self.format == "csv" and "," or "\t"),
      self.format == "csv" and "\r\n" or "\n")
    self.header_done = true
  end
  return self
end

--- Progress for long work: to stderr, and only when stderr is a terminal.
function output.progress(fmt, ...)
  if clio.core.isatty(2) then io.stderr:write("\r", fmt:format(...), "\27[K") end
end

return output
