-- One long-lived pandoc converting many documents (toolkit/publish/pandoc_server.py starts it as
-- `pandoc lua pandoc_server.lua`). Each request is a line with a byte count, then that many bytes
-- of JSON: {from, to, text, markdown, meta = [[key, value], ...], filters = [...], reference_doc, wrap}.
-- Each answer is "ok N", "err N" or "fallback N" on a line, then N bytes.
--
-- It does what `pandoc --sandbox --from F --to T --metadata k=v --lua-filter=… [--reference-doc=…]
-- [--wrap=…]` does, in the same order: read (in an empty sandbox: the reader can open no file),
-- set the metadata, run the filters with FORMAT set, write. The writer is not sandboxed, and only
-- images make it read files: a document that still holds an image after the filters is answered
-- "fallback", and the caller runs the sandboxed one-shot pandoc instead.

io.stdout:setvbuf("full")

local function has_image(doc)
  local found = false
  doc:walk({ Image = function() found = true end })
  return found
end

local function convert(job)
  local doc = pandoc.read(job.markdown, job.from, {}, {})
  for _, pair in ipairs(job.meta) do
    doc.meta[pair[1]] = pair[2]
  end
  for _, path in ipairs(job.filters) do
    local env = setmetatable({ FORMAT = job.to }, { __index = _G })
    doc = pandoc.utils.run_lua_filter(doc, path, env)
  end
  if has_image(doc) then
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
