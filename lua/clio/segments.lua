--- clio.segments: annotation stores written part by part and merged into one.
---
---   clio annotate --part K/N -o segments/ CORPUS   -- segments/part-K-of-N/
---   clio merge -o merged/ segments/                 -- every part, checked and joined
---   clio report --annotations merged/ CORPUS        -- loads, computes nothing again
---
--- A segment is a folder of annotation layers (clio.annotate.store at(dir): LAYER/KEY,
--- keyed by content and options) and a manifest written last, so a segment without a
--- manifest is one whose task did not finish. The manifest says which part of how
--- many it is, how the corpus was read, and each document of the part with its
--- checksum. Because a layer's key is a checksum of its document and of everything it
--- was computed from, merging is a union of files; the merged store gives any analysis
--- the same layers a single process would compute, hence the same records.
local annotate = require "clio.annotate"
local core = require "clio.core"

local M = {}

M.MANIFEST = "manifest.tsv"

local function part_dir(root, k, n) return string.format("%s/part-%d-of-%d", root, k, n) end
M.part_dir = part_dir

local function write_atomic(path, text)
  local tmp = path .. ".tmp-" .. math.random(1 << 30)
  local f, err = io.open(tmp, "wb")
  if not f then return nil, err end
  local ok, werr = f:write(text)
  local closed, cerr = f:close()
  if not (ok and closed) then os.remove(tmp) return nil, werr or cerr end
  local renamed, rerr = os.rename(tmp, path)
  if not renamed then os.remove(tmp) return nil, rerr end
  return true
end

--- write_manifest(dir, info): info = {part, parts, reading, layers = {...}, docs = {{index,
--- name, size, sum}}}.
function M.write_manifest(dir, info)
  local lines = {
    "clio-segment\t1",
    "part\t" .. info.part, "parts\t" .. info.parts,
    "reading\t" .. info.reading,
    "layers\t" .. table.concat(info.layers, ","),
  }
  for _, d in ipairs(info.docs) do
    lines[#lines + 1] = table.concat({ "doc", d.index, d.name, d.size, d.sum }, "\t")
  end
  return write_atomic(dir .. "/" .. M.MANIFEST, table.concat(lines, "\n") .. "\n")
end

--- read_manifest(dir) -> info | nil, message
function M.read_manifest(dir)
  local path = dir .. "/" .. M.MANIFEST
  local f = io.open(path, "rb")
  if not f then return nil, dir .. ": no " .. M.MANIFEST .. " (not a segment, or its task did not finish)" end
  local info, n = { docs = {} }, 0
  for line in f:lines() do
    n = n + 1
    local key, rest = line:match "^([%w-]+)\t(.*)$"
    if n == 1 and line ~= "clio-segment\t1" then
      f:close()
      return nil, path .. ":1: not a clio segment manifest"
    elseif key == "part" or key == "parts" then info[key] = tonumber(rest)
    elseif key == "reading" then info.reading = rest
    elseif key == "layers" then
      info.layers = {}
      for l in rest:gmatch "[^,]+" do info.layers[#info.layers + 1] = l end
    elseif key == "doc" then
      local i, name, size, sum = rest:match "^(%d+)\t(.-)\t(%d+)\t(.*)$"
      if not i then f:close() return nil, string.format("%s:%d: a doc line wants index, name, size, checksum", path, n) end
      info.docs[#info.docs + 1] = { index = tonumber(i), name = name, size = tonumber(size), sum = sum }
    elseif n > 1 then
      f:close()
      return nil, string.format("%s:%d: unknown entry '%s'", path, n, key or line)
    end
  end
  f:close()
  if not (info.part and info.parts and info.reading and info.layers) then
    return nil, path .. ": incomplete manifest"
  end
  return info
end

-- The layers a segment can keep: a named layer that is never stored (mentions of actors
-- joined across documents, which the run that reads every part joins) stands for the
-- layers it reads, which are.
local function stored_layers(names, opts)
  local out, seen = {}, {}
  local function add(name)
    if seen[name] then return end
    seen[name] = true
    local step = annotate.step(name)
    if step.persist and not step.persist(opts) then
      for _, d in ipairs(annotate.deps(step, opts)) do add(d) end
    else
      out[#out + 1] = name
    end
  end
  for _, name in ipairs(names) do add(name) end
  return out
end

--- annotate_part(corpus, docs, names, opts, dir, info) computes layers `names` of the
--- documents `docs` into a segment at dir and writes its manifest last.
function M.annotate_part(corpus, docs, names, opts, dir, info)
  local lopts = setmetatable({ docs = docs, store = annotate.store_at(dir) }, { __index = opts })
  local stored = stored_layers(names, lopts)
  for _ in annotate.each(corpus, stored, lopts) do end
  info.docs = {}
  for _, d in ipairs(docs) do
    info.docs[#info.docs + 1] = { index = d.index, name = d.name, size = d.size, sum = annotate.document_sum(d) }
  end
  info.layers = stored   -- the folders merge joins
  return M.write_manifest(dir, info)
end

--- Whether dir is a segment: it has a manifest, or is named like one (part-K-of-N).
function M.is_segment(dir)
  local f = io.open(dir .. "/" .. M.MANIFEST, "rb")
  if f then f:close() return true end
  return dir:match "part%-%d+%-of%-%d+$" ~= nil
end

-- the segment folders under each path: a segment itself, or a folder of part-* segments
local function segment_dirs(paths)
  local list = {}
  for _, p in ipairs(paths) do
    p = p:gsub("/+$", "")
    if M.is_segment(p) then
      list[#list + 1] = p
    else
      local names = core.listdir(p)
      if not names then return nil, p .. ": not a folder of segments" end
      table.sort(names)
      for _, name in ipairs(names) do
        if name:match "^part%-%d+%-of%-%d+$" then list[#list + 1] = p .. "/" .. name end
      end
    end
  end
  return list
end

local function copy_file(from, to)
  local there = io.open(to, "rb")
  if there then there:close() return true end -- same key, same content
  local f, err = io.open(from, "rb")
  if not f then return nil, err end
  local body = f:read "a"
  f:close()
  return write_atomic(to, body)
end

--- merge(paths, out) joins the segments under paths into the store at out, after
--- checking that they are the parts 0..N-1 of one cut of one corpus, each once.
--- Returns a summary {parts, docs, files} | nil, message.
function M.merge(paths, out)
  local dirs, err = segment_dirs(paths)
  if not dirs then return nil, err end
  if #dirs == 0 then return nil, "no segments in " .. table.concat(paths, ", ") end
  local infos, n, reading = {}, nil, nil
  for _, dir in ipairs(dirs) do
    local info, e = M.read_manifest(dir)
    if not info then return nil, e end
    n = n or info.parts
    reading = reading or info.reading
    if info.parts ~= n then
      return nil, string.format("%s is part of %d, the others of %d", dir, info.parts, n)
    end
    if info.reading ~= reading then
      return nil, string.format("%s read its corpus otherwise (%s) than %s (%s)", dir, info.reading, dirs[1], reading)
    end
    if infos[info.part] then
      return nil, string.format("part %d twice: %s and %s", info.part, infos[info.part].dir, dir)
    end
    info.dir = dir
    infos[info.part] = info
  end
  local missing = {}
  for k = 0, n - 1 do if not infos[k] then missing[#missing + 1] = tostring(k) end end
  if #missing > 0 then
    return nil, string.format("missing part%s %s of %d (a task failed or is still running)", #missing == 1 and "" or "s", table.concat(missing, ", "), n)
  end
  local ok, merr = core.mkdir(out)
  if not ok then return nil, merr end
  local files, docs, layers = 0, {}, nil
  for k = 0, n - 1 do
    local info = infos[k]
    layers = layers or info.layers
    for _, layer in ipairs(info.layers) do
      local from = info.dir .. "/" .. layer
      for _, key in ipairs(core.listdir(from) or {}) do
        if not key:find ".tmp-" then
          assert(core.mkdir(out .. "/" .. layer))
          local copied, cerr = copy_file(from .. "/" .. key, out .. "/" .. layer .. "/" .. key)
          if not copied then return nil, cerr end
          files = files + 1
        end
      end
    end
    for _, d in ipairs(info.docs) do docs[#docs + 1] = d end
  end
  table.sort(docs, function(a, b) return a.index < b.index end)
  local wrote, werr = M.write_manifest(out, { part = 0, parts = 1, reading = reading, layers = layers, docs = docs })
  if not wrote then return nil, werr end
  return { parts = n, docs = #docs, files = files }
end

return M
