--- Record output in the formats every script offers: table, jsonl, csv, tsv.
--
--   local out <close> = output.open{ format = opts.format, path = opts.output,
--                                    columns = { "term", "count" } }
--   out:write{ term = "stalin", count = 171 }
--   out:close()
--
-- With a path, records go to a temporary file beside it that is renamed into place by
-- close(): a failed run leaves the previous file as it was and no partial one.
-- Each format is one entry of output.writers (see there); the Output object below owns
-- the file, the writers only turn records into text.
local clio = require "clio"
local json = require "clio.json"

local output = {}

--- Marks a list that must come out as a JSON array even when empty:
--- `setmetatable(list, output.array_mt)` (the same marker as clio.json's).
output.array_mt = json.array_mt

--- One JSON object with the columns first, in order, then other keys sorted. Keys
--- whose value is nil are left out (clio.json's object).
output.json = json.object

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

local function flush_table(self)
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

-- A delimited format: a header row of the column names, then one row per record.
local function delimited(sep, eol, quote)
  return {
    open = function(out)
      local head = {}
      for i, c in ipairs(out.columns) do head[i] = quote(c) end
      out:_put(table.concat(head, sep), eol)
    end,
    write = function(out, record)
      local row = {}
      for i, c in ipairs(out.columns) do row[i] = quote(cell(record[c])) end
      out:_put(table.concat(row, sep), eol)
    end,
  }
end

--- The formats, by the name --format takes. A writer is a table of functions, each
--- given the Output (out.columns, out:_put(...) to write text, out.rows and
--- out.term_width for its own state); all but write are optional:
---   open(out)          after the file is open (a header)
---   write(out, record) one record
---   note(out, text)    free text between records (formats without one drop notes)
---   close(out)         before the file is closed (what was held back)
output.writers = {
  -- aligned columns for reading: rows are held until a note or close, to size the columns
  table = {
    write = function(out, record)
      local row = {}
      for i, c in ipairs(out.columns) do row[i] = cell(record[c]) end
      out.rows[#out.rows + 1] = row
    end,
    note = function(out, text)
      flush_table(out)
      out:_put(text, "\n")
    end,
    close = flush_table,
  },
  jsonl = {
    write = function(out, record) out:_put(json.object(record, out.columns), "\n") end,
  },
  csv = delimited(",", "\r\n", csv_field),
  tsv = delimited("\t", "\n", tsv_field),
}

--- The format names --format accepts, in the order --help lists them: these four, then
--- any other writer by name.
output.formats = { "table", "jsonl", "csv", "tsv" }
do
  local listed, more = { table = true, jsonl = true, csv = true, tsv = true }, {}
  for name in pairs(output.writers) do
    if not listed[name] then more[#more + 1] = name end
  end
  table.sort(more)
  table.move(more, 1, #more, #output.formats + 1, output.formats)
end

---@class clio.Output
local Output = {}
Output.__index = Output

--- Writes one record (a table keyed by column name).
function Output:write(record)
  self.writer.write(self, record)
end

--- Free text (table format only: a heading or a note above or below the records).
function Output:note(text)
  local note = self.writer.note
  if note then note(self, text) end
end

function Output:_put(...)
  local ok, err = self.file:write(...)
  if not ok then
    self:_abandon()
    clio.fail("cannot write %s: %s", self.path or "the output", err)
  end
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
  local finish = self.writer.close
  if finish then finish(self) end
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
  local format = spec.format or "table"
  local writer = output.writers[format]
  if not writer then clio.fail("unknown output format '%s'", tostring(format)) end
  local self = setmetatable({
    format = format,
    writer = writer,
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
  if writer.open then writer.open(self) end
  return self
end

--- Progress for long work: to stderr, and only when stderr is a terminal.
function output.progress(fmt, ...)
  if clio.core.isatty(2) then io.stderr:write("\r", fmt:format(...), "\27[K") end
end

--- 12345 -> "12,345" (a number for people to read; a fraction is dropped).
function output.thousands(n)
  local s = tostring(math.floor(n))
  repeat
    local k
    s, k = s:gsub("^(%-?%d+)(%d%d%d)", "%1,%2")
  until k == 0
  return s
end

return output
