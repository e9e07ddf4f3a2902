-- Typst markup has shorthands that pandoc's Typst writer does not escape: "..." becomes an
-- ellipsis, "-?" a soft hyphen, "-5" a minus sign. So every text run with ASCII punctuation is
-- written as a Typst string literal (#"…";), which Typst shows exactly as it is. The ';' ends the
-- expression, so that a following "(" or "[" or "." cannot turn it into a call or a field access.
function Str(el)
  if el.text:find("%p") then
    local text = el.text:gsub("\\", "\\\\"):gsub('"', '\\"')
    return pandoc.RawInline("typst", '#"' .. text .. '";')
  end
end
