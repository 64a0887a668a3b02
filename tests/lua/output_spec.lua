-- Record output: the one JSON encoder (clio.json) and the table of format writers.
local spec = dofile("tests/lua/spec.lua")
local json = require "clio.json"
local output = require "clio.output"
local cjson = require "cjson"
local it, eq, contains, raises = spec.it, spec.eq, spec.contains, spec.raises

local tmp = os.tmpname()
local slurp = spec.read

it("strings are cjson's escapes with / kept, for every byte", function()
  for b = 0, 127 do
    local s = "a" .. string.char(b) .. "/z"
    eq(json.string(s), (cjson.encode(s):gsub("\\/", "/")), "byte " .. b)
  end
  eq(json.string("tab\there \"q\" \b\f\127"), '"tab\\there \\"q\\" \\b\\f\\u007f"')
end)

it("bytes that are not UTF-8 become U+FFFD, valid sequences stay", function()
  for b = 128, 255 do
    eq(json.string("a" .. string.char(b) .. "/z"), '"a\u{FFFD}/z"', "byte " .. b)
  end
  eq(json.string("é\xff€\xe2\x82"), '"é\u{FFFD}€\u{FFFD}\u{FFFD}"')
  eq(json.value { k = "\xc3" }, '{"k":"\u{FFFD}"}')
end)

it("empty tables are lists when the data says so (a page's script data)", function()
  eq(json.value { a = {}, b = { c = {} } }, '{"a":{},"b":{"c":{}}}')
  eq(json.value({ a = {}, b = { c = {} }, d = { 1 } }, true), '{"a":[],"b":{"c":[]},"d":[1]}')
end)

it("objects have sorted keys at every depth; marked empty lists are arrays", function()
  eq(json.value { b = 1, a = { z = true, c = { 1, 2.5, "x" } } }, '{"a":{"c":[1,2.5,"x"],"z":true},"b":1}')
  eq(json.value(setmetatable({}, output.array_mt)), "[]")
  eq(json.object({ n = 2, term = "x/y", skip = nil }, { "term", "missing" }), '{"term":"x/y","n":2}')
  eq(output.json, json.object)
  -- integers as cjson writes them (%.14g): digits below 1e14, an exponent from there
  for _, n in ipairs { 0, -7, 99999999999999, -99999999999999, 100000000000000, -100000000000000,
      math.maxinteger, math.mininteger, 2.5, 1e300 } do
    eq(json.value(n), cjson.encode(n), "number " .. tostring(n))
  end
  -- records with more distinct keys than the encoder keeps encoded
  local many = {}
  for i = 1, 3000 do many["k" .. i .. "/\"" ] = i end
  local decoded = cjson.decode(json.value(many))
  for i = 1, 3000 do eq(decoded["k" .. i .. "/\""], i, "key " .. i) end
  eq(json.object({ a = 1, ["z/"] = 2, b = 3 }, { "b" }), '{"b":3,"a":1,"z/":2}')
end)

it("each built-in format is a writer, and --format lists them", function()
  for _, f in ipairs { "table", "jsonl", "csv", "tsv" } do
    eq(type(output.writers[f].write), "function", f)
    eq(output.formats[_], f)
  end
end)

it("a new format is one writers entry", function()
  output.writers.markdown = {
    open = function(out) out:_put("| ", table.concat(out.columns, " | "), " |\n") end,
    write = function(out, r) out:_put("| ", tostring(r.term), " | ", tostring(r.count), " |\n") end,
  }
  local out = output.open { format = "markdown", path = tmp, columns = { "term", "count" } }
  out:write { term = "stalin", count = 171 }
  out:note "dropped: markdown has no note"
  out:close()
  eq(slurp(tmp), "| term | count |\n| stalin | 171 |\n")
  output.writers.markdown = nil
end)

it("csv, tsv and jsonl write the same records as before", function()
  local rec = { term = 'say "hi", then', count = 3, share = 0.123456 }
  for f, want in pairs {
    csv = 'term,count,share\r\n"say ""hi"", then",3,0.1235\r\n',
    tsv = 'term\tcount\tshare\nsay "hi", then\t3\t0.1235\n',
    jsonl = '{"term":"say \\"hi\\", then","count":3,"share":0.123456}\n',
    table = 'term            count   share\nsay "hi", then      3  0.1235\n',
  } do
    local out = output.open { format = f, path = tmp, columns = { "term", "count", "share" } }
    out:write(rec)
    out:close()
    eq(slurp(tmp), want, f)
  end
end)

it("an unknown format is refused by name", function()
  raises(function() output.open { format = "xml", path = tmp, columns = {} } end, "xml")
end)

os.remove(tmp)
return spec.done()
