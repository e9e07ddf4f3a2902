-- The pandoc filter of every published document (DOCX and Typst/PDF).
--
-- Images: documents never embed files. An image reference in a clause becomes its alt text, so a
-- path in the text can never pull a local file into a release (pandoc's --sandbox and Typst's empty
-- root refuse it too, but with an error instead of a document).
--
-- Typst: its markup has shorthands that pandoc's Typst writer does not escape: "..." becomes an
-- ellipsis, "-?" a soft hyphen, "-5" a minus sign. So for Typst every text run with ASCII
-- punctuation is written as a Typst string literal (#"…";), which Typst shows exactly as it is.
-- The ';' ends the expression, so that a following "(", "[" or "." cannot make it a call or a
-- field access.

function Image(el)
  return el.caption
end

function Str(el)
  if FORMAT == "typst" and el.text:find("%p") then
    local text = el.text:gsub("\\", "\\\\"):gsub('"', '\\"')
    return pandoc.RawInline("typst", '#"' .. text .. '";')
  end
end
