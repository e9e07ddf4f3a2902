-- One long-lived pandoc converting many documents (toolkit/publish/pandoc_server.py starts it as
-- `pandoc lua pandoc_server.lua`). Each request is a line with a byte count, then that many bytes
-- of JSON: {from, to, text, markdown, meta = [[key, value], ...], filters = [...], reference_doc, wrap},
-- with `chunks` (a list of texts) instead of `markdown` when the Markdown comes in pieces that read
-- alone to the same blocks (toolkit/publish/chunks.py). Each answer is "ok N", "err N" or
-- "fallback N" on a line, then N bytes.
--
-- It does what `pandoc --sandbox --from F --to T --metadata k=v --lua-filter=… [--reference-doc=…]
-- [--wrap=…]` does, in the same order: read (in an empty sandbox: the reader can open no file),
-- set the metadata, run the filters with FORMAT set, write. The writer is not sandboxed, and only
-- images make it read files: a document that still holds an image after the filters is answered
-- "fallback", and the caller runs the sandboxed one-shot pandoc instead.
--
-- The reading of each piece is kept (bounded, below): a piece seen before is not read again. The
-- blocks are concatenated in order and the filters run on the whole document, as before.

io.stdout:setvbuf("full")

-- The command line's reader options where pandoc.read's defaults differ: 72 columns (not 80), which
-- decide whether a pipe table with a line of 73 to 80 characters gets relative column widths.
local READER_OPTIONS = { columns = 72 }

local function has_image(doc)
  local found = false
  doc:walk({ Image = function() found = true end })
  return found
end

-- The reading of each piece, by its format and text, in two generations: when the newer holds
-- CACHE_BYTES of text it becomes the older and the older is dropped (a piece used again is moved
-- to the newer). So at most twice CACHE_BYTES of text, and their blocks, are held (the variable
-- CLAUSEKIT_PANDOC_CACHE_BYTES sets it, default 1 MB).
local CACHE_BYTES = tonumber(os.getenv("CLAUSEKIT_PANDOC_CACHE_BYTES") or "") or 1024 * 1024
local newer, older, newer_bytes = {}, {}, 0

local function remember(key, blocks)
  if newer_bytes + #key > CACHE_BYTES then
    older, newer, newer_bytes = newer, {}, 0
  end
  newer[key] = blocks
  newer_bytes = newer_bytes + #key
end

local function recall(key)
  local blocks = newer[key]
  if blocks == nil then
    blocks = older[key]
    if blocks ~= nil then
      older[key] = nil
      remember(key, blocks)
    end
  end
  return blocks
end

local nonces = 0

-- Only the tag and the identifier are looked at: a block whose content was looked at in Lua costs
-- a conversion of all of it each time it is used again.
local function is_nonce(block, nonce)
  return block.t == "Header" and block.identifier == nonce
end

-- The blocks of the pieces `texts` (in the order of the document; `first`: the first is the
-- document's first), read at once, each followed by a heading whose identifier is a nonce and its
-- number; nil when a nonce did not stay a heading of its own, or a piece after the document's first
-- did not start with a heading or a paragraph (then the pieces are not read apart, see chunks.py).
local function read_apart(texts, from, first)
  nonces = nonces + 1
  local nonce = "ckpiece" .. nonces .. "x"
  local parts = {}
  for k, text in ipairs(texts) do
    if text:find(nonce, 1, true) then return nil end
    parts[#parts + 1] = text
    parts[#parts + 1] = "\n\n# " .. nonce .. k .. " {#" .. nonce .. k .. "}\n\n"
  end
  local blocks = pandoc.read(table.concat(parts), from, READER_OPTIONS, {}).blocks
  local result, current = {}, pandoc.Blocks{}
  for _, block in ipairs(blocks) do
    if is_nonce(block, nonce .. (#result + 1)) then
      local leading = current[1]
      if (#result > 0 or not first) and leading and leading.t ~= "Header" and leading.t ~= "Para" then
        return nil
      end
      result[#result + 1] = current
      current = pandoc.Blocks{}
    else
      current:insert(block)
    end
  end
  if #result ~= #texts or #current > 0 then return nil end
  return result
end

-- The document of `job`: its Markdown read whole, or its pieces each from the cache or read.
local function read(job)
  if not job.chunks then
    return pandoc.read(job.markdown, job.from, READER_OPTIONS, {})
  end
  local found, missing, texts = {}, {}, {}
  for i, text in ipairs(job.chunks) do
    found[i] = recall(job.from .. "\0" .. text)
    if found[i] == nil then
      missing[#missing + 1] = i
      texts[#texts + 1] = text
    end
  end
  if #missing > 0 then
    local read_blocks = read_apart(texts, job.from, missing[1] == 1)
    if read_blocks == nil then
      return pandoc.read(table.concat(job.chunks), job.from, READER_OPTIONS, {})
    end
    for k, i in ipairs(missing) do
      found[i] = read_blocks[k]
      remember(job.from .. "\0" .. job.chunks[i], read_blocks[k])
    end
  end
  local blocks = pandoc.Blocks{}
  for i = 1, #job.chunks do
    blocks:extend(found[i])
  end
  return pandoc.Pandoc(blocks)
end

-- Whether the Markdown may hold an image: only "![" starts one in our reader (no raw HTML, no implicit
-- figures), and our filters make none.
local function may_hold_images(job)
  for _, text in ipairs(job.chunks or { job.markdown }) do
    if text:find("![", 1, true) then return true end
  end
  return false
end

local function convert(job)
  local doc = read(job)
  for _, pair in ipairs(job.meta) do
    doc.meta[pair[1]] = pair[2]
  end
  local images = may_hold_images(job)
  for _, path in ipairs(job.filters) do
    local env = setmetatable({ FORMAT = job.to, CLAUSEKIT_NO_IMAGES = not images }, { __index = _G })
    doc = pandoc.utils.run_lua_filter(doc, path, env)
  end
  if images and has_image(doc) then
    return "fallback", "an image is left after the filters"
  end
  local options = {}
  if job.reference_doc then options.reference_doc = job.reference_doc end
  if job.wrap then options.wrap_text = job.wrap end
  local output = pandoc.write(doc, job.to, options)
  -- pandoc's command line ends text output with a newline (binary output, like DOCX, as it is)
  if job.text and #output > 0 and output:sub(-1) ~= "\n" then
    output = output .. "\n"
  end
  return "ok", output
end

while true do
  local header = io.stdin:read("l")
  if not header then break end
  local job = pandoc.json.decode(io.stdin:read(tonumber(header)), false)
  local ok, status, result = pcall(convert, job)
  if not ok then
    status, result = "err", tostring(status)
  end
  io.stdout:write(status .. " " .. #result .. "\n", result)
  io.stdout:flush()
end
